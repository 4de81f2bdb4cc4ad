using System.Text.Json;
using Platform.ServiceDefaults.Validation;

namespace Platform.TransformerWorker.Completions;

/// <summary>`/v1/embeddings` needs a model and 1 to 256 non-empty texts; the first problem is answered.</summary>
public sealed class EmbeddingRequestValidator : IRequestValidator<EmbeddingRequest>
{
    public ValueTask<IReadOnlyList<ValidationProblem>> ValidateAsync(EmbeddingRequest request, CancellationToken cancellationToken) =>
        new(ValidationProblem.Of(FirstError(request)));

    private static string? FirstError(EmbeddingRequest request) =>
        string.IsNullOrWhiteSpace(request.Model) ? "model is required"
        : request.Input is not ({ ValueKind: JsonValueKind.String } or { ValueKind: JsonValueKind.Array })
          || (request.Input.Value.ValueKind == JsonValueKind.Array && request.Input.Value.EnumerateArray().Any(text => text.ValueKind != JsonValueKind.String))
            ? "input must be a string or an array of strings"
        : request.Texts() is { Count: 0 or > EmbeddingRequest.MaxInputs } texts ? $"input must hold between 1 and {EmbeddingRequest.MaxInputs} texts, not {texts.Count}"
        : request.Texts().Any(string.IsNullOrEmpty) ? "input must not contain empty texts"
        : null;
}
