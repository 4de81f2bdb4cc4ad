namespace Platform.IntegrationTests.Cli;

/// <summary>What a user of `platform` sees: exit code, standard output and the error stream.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- out ---\n{Output}\n--- err ---\n{Error}";
}
