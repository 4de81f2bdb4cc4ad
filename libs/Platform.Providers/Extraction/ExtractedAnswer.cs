using System.Text.Json;

namespace Platform.Providers.Extraction;

/// <summary>What could be read out of a model's answer.</summary>
/// <param name="Json">The answer's JSON value, or null when the text holds none.</param>
/// <param name="Confidence">The answer's `confidence` field as a fraction, when present.</param>
public sealed record ExtractedAnswer(JsonElement? Json, double? Confidence);
