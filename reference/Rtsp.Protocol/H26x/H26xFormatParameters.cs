namespace Rtsp.Protocol.H26x;

/// <summary>
/// The <c>a=fmtp</c> parameters of an H.264 (RFC 6184 §8.1) or H.265 (RFC 7798 §7.1) payload type: the
/// out-of-band parameter sets as NAL units (H.264 <c>sprop-parameter-sets</c>, base64 and comma separated; H.265
/// <c>sprop-vps</c>, <c>sprop-sps</c>, <c>sprop-pps</c>, in that order), <c>profile-level-id</c>,
/// <c>packetization-mode</c> (H.264; absent = 0) and <c>sprop-max-don-diff</c> (H.265; absent = 0).
/// Parameter names are case-insensitive (RFC 8866 §6.15 leaves them to the format; both RFCs' receivers match them so).
/// </summary>
public sealed class H26xFormatParameters
{
    private H26xFormatParameters(H26xCodec codec, Dictionary<string, string> parameters, List<byte[]> parameterSets)
    {
        Codec = codec;
        Parameters = parameters;
        ParameterSets = parameterSets;
    }

    public H26xCodec Codec { get; }

    /// <summary>Every parameter by name (values as written; a name without '=' has an empty value).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The out-of-band parameter sets, each a NAL unit with its header (no start code), in the order above.</summary>
    public IReadOnlyList<byte[]> ParameterSets { get; }

    public string? ProfileLevelId => Parameters.GetValueOrDefault("profile-level-id");

    /// <summary>H.264 packetization-mode: 0 (single NAL unit, the default), 1 (non-interleaved), 2 (interleaved).</summary>
    public int PacketizationMode => IntParameter("packetization-mode");

    /// <summary>H.265 sprop-max-don-diff: above 0 the payloads carry DONL fields (not unpacked by <see cref="H26xDepacketizer"/>).</summary>
    public int SpropMaxDonDiff => IntParameter("sprop-max-don-diff");

    /// <summary>Empty parameters when <paramref name="fmtp"/> is null. Throws <see cref="H26xFormatException"/> for bad base64 or a bad number.</summary>
    public static H26xFormatParameters Parse(H26xCodec codec, string? fmtp)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string part in (fmtp ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? part : part[..equals].Trim();
            string value = equals < 0 ? "" : part[(equals + 1)..].Trim();
            parameters.TryAdd(name, value);
        }

        string[] names = codec == H26xCodec.H264 ? ["sprop-parameter-sets"] : ["sprop-vps", "sprop-sps", "sprop-pps"];
        var sets = new List<byte[]>();
        foreach (string name in names)
        {
            if (parameters.TryGetValue(name, out string? value))
            {
                sets.AddRange(DecodeList(codec, name, value));
            }
        }

        var result = new H26xFormatParameters(codec, parameters, sets);
        foreach (string number in new[] { "packetization-mode", "sprop-max-don-diff" })
        {
            _ = result.IntParameter(number);
        }

        return result;
    }

    public static bool TryParse(H26xCodec codec, string? fmtp, out H26xFormatParameters? parameters, out string? error)
    {
        try
        {
            parameters = Parse(codec, fmtp);
            error = null;
            return true;
        }
        catch (H26xFormatException e)
        {
            parameters = null;
            error = e.Message;
            return false;
        }
    }

    private int IntParameter(string name)
    {
        if (!Parameters.TryGetValue(name, out string? text))
        {
            return 0;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new H26xFormatException(H26xRejectReason.MalformedParameter, $"{name}={text} is not a non-negative integer");
    }

    private static IEnumerable<byte[]> DecodeList(H26xCodec codec, string name, string value)
    {
        foreach (string item in value.Split(',', StringSplitOptions.TrimEntries))
        {
            byte[] nal;
            try
            {
                nal = Convert.FromBase64String(item);
            }
            catch (FormatException)
            {
                throw new H26xFormatException(H26xRejectReason.MalformedParameter, $"{name}: \"{item}\" is not base64");
            }

            if (nal.Length <= NalUnitHeader.LengthOf(codec))
            {
                throw new H26xFormatException(H26xRejectReason.MalformedParameter, $"{name}: \"{item}\" decodes to {nal.Length} byte(s), too short for a NAL unit");
            }

            yield return nal;
        }
    }
}
