using System.Text.Json.Serialization;
using Platform.Gateway.Chat;

namespace Platform.Gateway.Realtime;

public sealed record ErrorDetail(string Code, string Message, object? Details = null);
