using System.Globalization;

namespace Rtsp.Media;

/// <summary>
/// The sequence and picture parameter sets of an H.264 stream (NAL units without start codes), what the SDP
/// announces in sprop-parameter-sets and profile-level-id (RFC 6184 §8.1).
/// </summary>
public sealed record H264ParameterSets(byte[] Sps, byte[] Pps)
{
    /// <summary>
    /// profile_idc, the constraint flags byte and level_idc of the SPS (its bytes 1-3), as 6 hex digits
    /// (RFC 6184 §8.1: "the profile-level-id parameter ... base16").
    /// </summary>
    public string ProfileLevelId => Sps.Length >= 4
        ? string.Create(CultureInfo.InvariantCulture, $"{Sps[1]:X2}{Sps[2]:X2}{Sps[3]:X2}")
        : throw new InvalidOperationException("an SPS is at least 4 bytes");

    /// <summary>sprop-parameter-sets: base64 of each NAL unit, comma-separated, SPS first (RFC 6184 §8.1).</summary>
    public string SpropParameterSets => Convert.ToBase64String(Sps) + "," + Convert.ToBase64String(Pps);
}
