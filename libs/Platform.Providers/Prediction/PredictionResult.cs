using System.Text.Json;
using Platform.Providers.Resilience;

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

/// <summary>A prediction that failed after every allowed attempt.</summary>
public sealed class PredictionFailedException(ProviderException cause, int attempts, TimeSpan elapsed)
    : Exception(cause.Message, cause)
{
    public ProviderException Cause { get; } = cause;
    public int Attempts { get; } = attempts;
    public TimeSpan Elapsed { get; } = elapsed;
}
