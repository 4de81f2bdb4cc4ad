using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Gateway.Chat;

namespace Platform.Gateway.Inference;

public sealed record InferenceUsage(int PromptTokens, int CompletionTokens, int TotalTokens, bool Estimated, decimal Cost);
