using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Transformer;
using Platform.TransformerWorker.Errors;

namespace Platform.TransformerWorker.Completions;

public sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens)
{
    public static Usage Of(int promptTokens, int completionTokens) => new(promptTokens, completionTokens, promptTokens + completionTokens);
}
