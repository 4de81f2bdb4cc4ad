using Spectre.Console;

namespace Platform.Cli;

/// <summary>What a command talks to besides the Gateway: the terminal, the environment and the HTTP stack (tests pass their own).</summary>
public sealed class CliContext
{
    public required IAnsiConsole Out { get; init; }

    /// <summary>Errors, one plain line each, so that they survive redirection and never wrap.</summary>
    public required TextWriter Error { get; init; }

    public required Func<string, string?> Environment { get; init; }

    public Func<HttpMessageHandler> CreateHandler { get; init; } = () => new SocketsHttpHandler();

    public static CliContext FromProcess() => new()
    {
        Out = AnsiConsole.Console,
        Error = Console.Error,
        Environment = System.Environment.GetEnvironmentVariable,
    };
}
