using System.Text.Json;

namespace Platform.Providers.Prediction;

/// <summary>A model's answer to one prompt: the parsed JSON when there is one, and always the raw text.</summary>
public sealed record PredictionResult(
    JsonElement? Prediction,
    string RawText,
    double? Confidence,
    int Attempts,
    int? PromptTokens,
    int? CompletionTokens,
    string AnsweredBy,
    TimeSpan Elapsed)
{
    /// <summary>Answered from the prediction cache: no model was called.</summary>
    public bool Cached { get; init; }
}
