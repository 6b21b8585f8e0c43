namespace Rtsp.Harness.Scenarios;

/// <summary>Where a request step's answer to a 401 challenge comes from (<c>auth:</c> in its YAML).</summary>
public enum AuthSource
{
    /// <summary><c>auth: { user: U, password: P }</c>: these credentials.</summary>
    Given,

    /// <summary><c>auth: run</c>: the run's credentials (<c>--user/--password</c>, the target URL's userinfo, or the
    /// <c>--user/--password</c> of the scenario's <c>server_args</c> when the harness starts the server).</summary>
    Run,

    /// <summary><c>auth: wrong</c>: the run's user with a password derived from the right one but different from it.</summary>
    WrongPassword,

    /// <summary><c>auth: none</c>: send no credentials and leave a 401 unanswered (to see the challenge itself).</summary>
    None,
}

/// <summary>A step's <c>auth:</c>. Without one, a request answers a 401 with the run's credentials when there are any.</summary>
public sealed record StepAuth(AuthSource Source, Credentials? Given = null)
{
    public static StepAuth None { get; } = new(AuthSource.None);

    /// <summary>True when the scenario cannot run without the run's credentials.</summary>
    public bool NeedsRunCredentials => Source is AuthSource.Run or AuthSource.WrongPassword;

    /// <summary>The credentials to answer a challenge with; null = do not answer.</summary>
    public Credentials? Resolve(Credentials? run) => Source switch
    {
        AuthSource.Given => Given,
        AuthSource.Run => run,
        AuthSource.WrongPassword => run is null ? null : run with { Password = WrongPassword(run.Password) },
        _ => null,
    };

    /// <summary>A password that is certainly not <paramref name="password"/> yet looks like one (same alphabet, longer).</summary>
    public static string WrongPassword(string password) => "x" + password + "-wrong";
}
