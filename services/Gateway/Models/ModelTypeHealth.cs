namespace Platform.Gateway.Models;

/// <summary>`response_time` is in seconds, as in the seed; null when nothing was called.</summary>
public sealed record ModelTypeHealth(string ModelType, string Status, bool Available, string Message, double? ResponseTime);
