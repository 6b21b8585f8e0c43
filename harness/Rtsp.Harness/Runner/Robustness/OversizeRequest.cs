using System.Globalization;
using System.Text;
using Rtsp.Harness.Scenarios.Steps;

namespace Rtsp.Harness.Runner.Robustness;

/// <summary>Builds the request an <see cref="OversizeStep"/> describes: a well-formed OPTIONS except for its size.</summary>
public static class OversizeRequest
{
    public static byte[] Build(OversizeStep step, string targetUrl, string baseUrl, string cseq)
    {
        var text = new StringBuilder();
        switch (step.Kind)
        {
            case OversizeKind.HeaderBytes:
                text.Append($"OPTIONS {targetUrl} RTSP/1.0\r\nCSeq: {cseq}\r\nX-Oversize: ").Append('a', (int)step.Size).Append("\r\n\r\n");
                break;
            case OversizeKind.HeaderCount:
                text.Append($"OPTIONS {targetUrl} RTSP/1.0\r\nCSeq: {cseq}\r\n");
                for (var i = 0; i < step.Size; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"X-H{i}: v\r\n");
                }

                text.Append("\r\n");
                break;
            case OversizeKind.UriBytes:
                text.Append($"OPTIONS {baseUrl}").Append('a', (int)step.Size).Append($" RTSP/1.0\r\nCSeq: {cseq}\r\n\r\n");
                break;
            case OversizeKind.ContentLength:
                text.Append(CultureInfo.InvariantCulture, $"SET_PARAMETER {targetUrl} RTSP/1.0\r\nCSeq: {cseq}\r\nContent-Type: text/parameters\r\nContent-Length: {step.Size}\r\n\r\n");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step.Kind, "unknown oversize kind");
        }

        return WireText.Bytes(text.ToString());
    }

    public static string Label(OversizeStep step) => step.Kind switch
    {
        OversizeKind.HeaderBytes => string.Create(CultureInfo.InvariantCulture, $"one header of {step.Size:N0} bytes"),
        OversizeKind.HeaderCount => string.Create(CultureInfo.InvariantCulture, $"{step.Size:N0} header lines"),
        OversizeKind.UriBytes => string.Create(CultureInfo.InvariantCulture, $"a URI of {step.Size:N0} bytes"),
        _ => string.Create(CultureInfo.InvariantCulture, $"Content-Length: {step.Size} with no body"),
    };
}
