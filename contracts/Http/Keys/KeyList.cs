namespace Platform.Contracts.Http.Keys;

public sealed record KeyList(IReadOnlyList<KeySummary> Keys);
