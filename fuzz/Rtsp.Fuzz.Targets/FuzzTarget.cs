namespace Rtsp.Fuzz.Targets;

/// <summary>
/// One fuzz target: a parser driven by arbitrary bytes. <see cref="Run"/> returns normally for any input the parser
/// accepts or rejects with its typed error; any other exception escaping it is a bug (afl++ records a crash).
/// </summary>
/// <param name="Name">The name used on the command line and as the corpus folder name (e.g. "rtsp-message").</param>
/// <param name="Description">One line for --help and the report.</param>
/// <param name="Run">Feeds one input to the parser; swallows only the typed error.</param>
public sealed record FuzzTarget(string Name, string Description, Action<byte[]> Run);
