using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Gateway.Chat;

namespace Platform.Gateway.Inference;

public sealed record EngineTasks(string Engine, string Description, IReadOnlyList<string> Tasks);
