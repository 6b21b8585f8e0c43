namespace Rtsp.Harness.Scenarios;

/// <summary>A scenario file that cannot be used, with the file, the line and what is wrong.</summary>
public sealed class ScenarioLoadException : Exception
{
    public ScenarioLoadException(string file, long line, string problem, Exception? inner = null)
        : base($"{file}:{line}: {problem}", inner)
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public string File { get; }

    public long Line { get; }

    public string Problem { get; }
}
