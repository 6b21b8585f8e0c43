namespace Rtsp.Protocol.Tests.Sdp;

/// <summary>SDP bodies copied verbatim from the real servers' DESCRIBE replies in shared/fixtures/rtsp-transcripts.</summary>
internal static class SdpTestData
{
    public static string Directory => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "sdp");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name + ".sdp"));

    public static IEnumerable<string> Names =>
    [
        "gst-avi", "gst-file", "gst-h264", "gst-test", "gst-test-resume-norange", "gst-test-seek-longwait", "perl-relay",
    ];
}
