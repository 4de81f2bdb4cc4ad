namespace Platform.AppHost.Orchestration;

internal enum AnsiColor
{
    Red = 31,
    Green = 32,
    Yellow = 33,
    Blue = 34,
    Magenta = 35,
    Cyan = 36,
    White = 97,
}

/// <summary>The AppHost's console, written by many threads: whole lines only, each source's tag in its own colour.</summary>
internal sealed class ConsoleLog
{
    private readonly Lock gate = new();
    private readonly bool useColor = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    /// <summary>A writer of <c>[source] message</c> lines.</summary>
    public Action<string> For(string source, AnsiColor color) => message => Write($"[{source}]", message, color);

    /// <summary>A writer of lines that already start with their <c>[source]</c> tag, as service output does.</summary>
    public Action<string> ForTagged(AnsiColor color) => line =>
    {
        var tagEnd = line.IndexOf("] ", StringComparison.Ordinal) + 1;
        Write(line[..tagEnd], line[(tagEnd + 1)..], color);
    };

    public void Error(string message) => Write("[apphost]", message, AnsiColor.Red);

    private void Write(string tag, string text, AnsiColor color)
    {
        var coloredTag = useColor ? $"\u001b[{(int)color}m{tag}\u001b[0m" : tag;
        lock (gate)
        {
            Console.Out.WriteLine($"{coloredTag} {text}");
        }
    }
}
