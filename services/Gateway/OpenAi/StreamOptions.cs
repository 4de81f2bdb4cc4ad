namespace Platform.Gateway.OpenAi;

public sealed record StreamOptions(bool? IncludeUsage);
