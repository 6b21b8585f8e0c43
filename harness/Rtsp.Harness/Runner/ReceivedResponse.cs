using System.Text;
using Rtsp.Protocol.Rtsp;

namespace Rtsp.Harness.Runner;

/// <summary>
/// A response as received: its exact bytes, when it arrived, and the parsed message (null when it does not parse,
/// with <see cref="ParseError"/> saying why).
/// </summary>
public sealed record ReceivedResponse(byte[] Raw, long ArrivalNs, RtspResponse? Message, string? ParseError)
{
    public string Text => Encoding.UTF8.GetString(Raw);

    public string FirstLine => Text.Split('\n')[0].TrimEnd('\r');

    public int? StatusCode => Message?.StatusCode;

    public static ReceivedResponse Parse(byte[] raw, long arrivalNs)
    {
        try
        {
            var parser = new RtspMessageParser();
            parser.Feed(raw);
            if (parser.TryReadMessage(out var message) && message is RtspResponse response)
            {
                return new ReceivedResponse(raw, arrivalNs, response, null);
            }

            return new ReceivedResponse(raw, arrivalNs, null, message is null ? "incomplete message" : "a request where a response was expected");
        }
        catch (Rtsp.Protocol.ProtocolFormatException e)
        {
            return new ReceivedResponse(raw, arrivalNs, null, e.Message);
        }
    }
}
