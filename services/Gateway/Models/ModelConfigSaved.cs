namespace Platform.Gateway.Models;

public sealed record ModelConfigSaved(string Message, LlmModelView Model);
