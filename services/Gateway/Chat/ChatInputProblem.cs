namespace Platform.Gateway.Chat;

/// <summary>A request's problem, naming the offending field so each API can say it in its own error shape.</summary>
public sealed record ChatInputProblem(string Param, string Message);
