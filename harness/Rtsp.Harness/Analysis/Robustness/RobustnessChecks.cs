using Rtsp.Harness.Checks;

namespace Rtsp.Harness.Analysis.Robustness;

/// <summary>
/// The robustness family (scenarios/robustness-*.yaml): how a server survives hostile or unusual input. Each names the
/// RFC clause it rests on or, where no RFC speaks, the attack it models (CWE). A failure is a finding with its evidence
/// (what was sent, what came back, how long it took), never a harness error.
/// </summary>
public static class RobustnessChecks
{
    public static readonly CheckDefinition Split = new("robust.split", CheckLevel.Must, "RFC 9293 §3.8 (TCP is a byte stream), RFC 2326 §4",
        "A request gets the same answer however TCP splits it: at any byte position, or one byte per segment");
    public static readonly CheckDefinition LineEndings = new("robust.line-endings", CheckLevel.Should, "RFC 2326 §4",
        "Requests whose lines end with a bare CR or a bare LF are understood (receivers should accept both)");
    public static readonly CheckDefinition Pipeline = new("robust.pipeline", CheckLevel.Should, "RFC 2326 §1.1, §12.17 (CSeq orders requests), RFC 9112 §9.3.2",
        "Requests pipelined in one write are all answered, in order, each with its own CSeq");
    public static readonly CheckDefinition Malformed = new("robust.malformed", CheckLevel.Should, "RFC 2326 §7.1.1 (400), CWE-20",
        "A malformed request line or header (NUL, control characters, bad CSeq or Content-Length) gets a 4xx or a close, promptly; never a 2xx, never a hang");
    public static readonly CheckDefinition Oversize = new("robust.oversize", CheckLevel.Should, "RFC 2326 §7.1.1 (413, 414), CWE-770",
        "An oversize request (huge header, thousands of headers, overlong URI, huge Content-Length) gets a 4xx or a close, promptly; never a 2xx, never a hang");
    public static readonly CheckDefinition Alive = new("robust.alive", CheckLevel.Must, "CWE-248, CWE-400 (the server survives)",
        "After each hostile input the server still answers a well-formed request on a new connection");
    public static readonly CheckDefinition TransportPorts = new("robust.transport.ports", CheckLevel.Should, "RFC 2326 §12.39, RFC 768 (port 0 is reserved)",
        "A Transport with client_port 0, reversed, above 65535 or malformed, or interleaved channels beyond 255, gets 400 or 461, not a session");
    public static readonly CheckDefinition Reflection = new("robust.reflection", CheckLevel.Must, "RFC 2326 §12.39 (destination), §16; CWE-406 (reflection)",
        "A SETUP naming a third party as destination never makes the server send media there");
    public static readonly CheckDefinition TakeoverAddress = new("robust.takeover.address", CheckLevel.Should, "RFC 2326 §16 (session hijacking), CWE-639",
        "A request naming a session from a different client address gets 454 (or another 4xx) and changes nothing");
    public static readonly CheckDefinition TakeoverConnection = new("robust.takeover.connection", CheckLevel.Advisory, "RFC 2326 §16 (session hijacking); §1.1 lets sessions outlive connections",
        "A request naming a session from another connection of the same address is refused (advisory: RFC 2326 allows it)");
    public static readonly CheckDefinition SessionIds = new("robust.session.ids", CheckLevel.Should, "RFC 2326 §16 (large, random, non-sequential session ids)",
        "Session ids are never handed out twice and can carry at least 128 bits (length × log2 of their alphabet)");
    public static readonly CheckDefinition SessionLimit = new("robust.limit.sessions", CheckLevel.Advisory, "RFC 2326 §11.3.1 (453), §7.1.1 (503); CWE-770",
        "One client opening session after session on one connection is stopped with 453 or 503 before it exhausts the server's ports");
    public static readonly CheckDefinition OthersServed = new("robust.limit.others", CheckLevel.Should, "CWE-400 (one client denies service to others)",
        "While one client holds as many sessions as it was allowed, another client can still set up a session");
    public static readonly CheckDefinition Slowloris = new("robust.slowloris", CheckLevel.Advisory, "CWE-400 (slowloris)",
        "Connections dripping a request one byte at a time are cut off within the scenario's bound");
    public static readonly CheckDefinition Collateral = new("robust.collateral", CheckLevel.Should, "CWE-400 (denial of service to other clients)",
        "A healthy session playing beside the hostile steps loses no packet and never stalls beyond 1 s");

    public static IReadOnlyList<CheckDefinition> All { get; } =
    [
        Split, LineEndings, Pipeline, Malformed, Oversize, Alive, TransportPorts, Reflection, TakeoverAddress, TakeoverConnection,
        SessionIds, SessionLimit, OthersServed, Slowloris, Collateral,
    ];
}
