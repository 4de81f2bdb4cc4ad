namespace Platform.Cli;

/// <summary>A failure the user can act on: its message is printed as the command's one-line error, and the exit code is 1.</summary>
public sealed class CliException(string message) : Exception(message);
