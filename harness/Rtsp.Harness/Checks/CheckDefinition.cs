namespace Rtsp.Harness.Checks;

/// <summary>
/// One entry of the catalogue: a stable id (e.g. <c>rtsp.cseq.echo</c>, <c>rtp.seq.continuity</c>), its level, the
/// clause it comes from (e.g. "RFC 2326 §12.17") and a one-line statement of the rule. The report and
/// <c>rtsp-harness list</c> are written from the catalogue alone.
/// </summary>
public sealed record CheckDefinition(string Id, CheckLevel Level, string Clause, string Title);
