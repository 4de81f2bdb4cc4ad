using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Gateway.Chat;

namespace Platform.Gateway.OpenAi;

public sealed record StreamOptions(bool? IncludeUsage);
