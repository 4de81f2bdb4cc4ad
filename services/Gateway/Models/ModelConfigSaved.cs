using Platform.Contracts.Http.Models;
using System.Text.Json.Serialization;
using Platform.Providers.Models;

namespace Platform.Gateway.Models;

public sealed record ModelConfigSaved(string Message, LlmModelView Model);
