using Rtsp.Protocol.Rtsp;
using Rtsp.Server.Limits;

namespace Rtsp.Server.Tests.Limits;

/// <summary>The limits' defaults, their checks, and how the size limits reach the message parser.</summary>
public class ServerLimitsTests
{
    [Test]
    public void Defaults_are_valid_and_leave_room_for_300_pipelined_requests_and_a_50_session_test()
    {
        var limits = new ServerLimits();
        limits.Validate();
        limits.MaxRequestsPerSecond.Should().BeGreaterThanOrEqualTo(300);
        limits.MaxConnectionsPerAddress.Should().BeGreaterThanOrEqualTo(50);
        limits.IdleTimeout.Should().BeNull("by default a connection may stay silent as long as a session");
    }

    [TestCase(nameof(ServerLimits.MaxConnections), "--max-connections 0")]
    [TestCase(nameof(ServerLimits.MaxRtpPortsPerConnection), "--max-rtp-ports-per-connection 0")]
    [TestCase(nameof(ServerLimits.MaxHeaderBytes), "--max-header-bytes 0")]
    [TestCase(nameof(ServerLimits.RequestTimeout), "--request-timeout 0")]
    public void A_bad_value_is_refused_with_the_option_name(string property, string message)
    {
        var limits = property switch
        {
            nameof(ServerLimits.MaxConnections) => new ServerLimits { MaxConnections = 0 },
            nameof(ServerLimits.MaxRtpPortsPerConnection) => new ServerLimits { MaxRtpPortsPerConnection = 0 },
            nameof(ServerLimits.MaxHeaderBytes) => new ServerLimits { MaxHeaderBytes = 0 },
            _ => new ServerLimits { RequestTimeout = TimeSpan.Zero },
        };
        limits.Invoking(l => l.Validate()).Should().Throw<ArgumentException>().WithMessage(message + ":*");
    }

    [Test]
    public void Header_and_body_sizes_reach_the_parser_and_name_their_option()
    {
        var limits = new ServerLimits { MaxHeaderBytes = 1024, MaxBodyBytes = 100 };
        var parser = limits.ParserLimits;
        parser.MaxHeaderBytes.Should().Be(1024);
        parser.MaxHeaderLineLength.Should().Be(1024, "one header line cannot be longer than all of them");
        parser.MaxStartLineLength.Should().Be(1024);
        parser.MaxBodyLength.Should().Be(100);
        parser.MaxHeaderCount.Should().Be(RtspParserLimits.Default.MaxHeaderCount);

        limits.LimitFor(RtspParseError.HeadersTooLarge).Should().Be((ServerLimits.MaxHeaderBytesOption, "1024 bytes"));
        limits.LimitFor(RtspParseError.StartLineTooLong)!.Value.Option.Should().Be(ServerLimits.MaxHeaderBytesOption);
        limits.LimitFor(RtspParseError.BodyTooLarge).Should().Be((ServerLimits.MaxBodyBytesOption, "100 bytes"));
        limits.LimitFor(RtspParseError.MalformedStartLine).Should().BeNull("malformed is not a size limit");
    }
}
