using Platform.Cli;
using Spectre.Console;

namespace Platform.IntegrationTests.Cli;

/// <summary>
/// Runs the `platform` command in-process with a plain, wide, non-interactive console and only the
/// environment variables a test gives it (the machine's PLATFORM_* variables never leak in).
/// </summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken interrupt = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 250;
        var context = new CliContext
        {
            Out = console,
            Error = error,
            Environment = name => environment?.GetValueOrDefault(name),
            CreateHandler = () => new SocketsHttpHandler { UseProxy = false },
        };
        var exitCode = await PlatformCli.InvokeAsync([.. args], context, interrupt);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
