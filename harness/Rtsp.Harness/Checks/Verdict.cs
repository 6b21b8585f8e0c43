namespace Rtsp.Harness.Checks;

/// <summary>The outcome of one check in one scenario run.</summary>
public enum Verdict
{
    Pass,
    Fail,
    /// <summary>The target said it does not do this (method absent from Public, 405/501/461...): not a failure.</summary>
    NotSupported,
    /// <summary>Nothing in this run could exercise the check (e.g. no RTCP expected in a describe-only scenario).</summary>
    NotApplicable,
    /// <summary>A metric: numbers only, no pass/fail.</summary>
    Info,
}
