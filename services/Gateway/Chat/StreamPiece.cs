namespace Platform.Gateway.Chat;

/// <summary>One piece of a streamed answer; the last piece carries the totals and no text.</summary>
public sealed record StreamPiece(string Text, StreamTotals? Totals);
