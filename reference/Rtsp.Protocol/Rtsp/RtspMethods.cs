namespace Rtsp.Protocol.Rtsp;

/// <summary>The methods of RFC 2326 §10. Methods are case-sensitive (§6.1).</summary>
public static class RtspMethods
{
    public const string Options = "OPTIONS";
    public const string Describe = "DESCRIBE";
    public const string Setup = "SETUP";
    public const string Play = "PLAY";
    public const string Pause = "PAUSE";
    public const string Teardown = "TEARDOWN";
    public const string GetParameter = "GET_PARAMETER";
    public const string SetParameter = "SET_PARAMETER";
    public const string Announce = "ANNOUNCE";
    public const string Record = "RECORD";
    public const string Redirect = "REDIRECT";

    /// <summary>Every method RFC 2326 defines, in the order of its §10.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Options, Describe, Announce, Setup, Play, Pause, Teardown, GetParameter, SetParameter, Redirect, Record];
}
