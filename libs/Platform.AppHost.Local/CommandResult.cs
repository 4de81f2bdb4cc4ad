namespace Platform.AppHost.Local;

internal sealed record CommandResult(string CommandLine, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public CommandResult EnsureSuccess() => Succeeded
        ? this
        : throw new InvalidOperationException($"`{CommandLine}` failed with exit code {ExitCode}:\n{Output.TrimEnd()}");
}
