using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Transformer;
using Platform.TransformerWorker.Limits;
using Platform.TransformerWorker.Models;
using Platform.ServiceDefaults.Validation;

namespace Platform.TransformerWorker.Completions;

/// <summary>
/// OpenAI-compatible generation with this worker's named models, so that `model_type: local` is called like
/// any OpenAI-compatible provider. Streams are server-sent events ending with `data: [DONE]`.
/// </summary>
public static class CompletionsApi
{
    private const string Done = "[DONE]";

    public static IEndpointRouteBuilder MapCompletionsApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithTags("OpenAI-compatible local generation");
        v1.MapGet("/models", ListModels).WithSummary("The local models this worker serves");
        v1.MapPost("/chat/completions", (ChatCompletionRequest request, LocalGeneration generation, IOptions<JsonOptions> json, TimeProvider time, CancellationToken ct) =>
                CompleteAsync(request, new ChatFormat(), generation, json.Value.SerializerOptions, time, ct))
            .Validates<ChatCompletionRequest>()
            .RequireRateLimiting(InferenceLimits.Policy)
            .WithSummary("Chat completion with a local model (stream or not)");
        v1.MapPost("/completions", (CompletionRequest request, LocalGeneration generation, IOptions<JsonOptions> json, TimeProvider time, CancellationToken ct) =>
                CompleteAsync(request, new TextFormat(), generation, json.Value.SerializerOptions, time, ct))
            .Validates<CompletionRequest>()
            .RequireRateLimiting(InferenceLimits.Policy)
            .WithSummary("Text completion with a local model (stream or not)");
        v1.MapPost("/embeddings", EmbedAsync)
            .Validates<EmbeddingRequest>()
            .RequireRateLimiting(InferenceLimits.Policy)
            .WithSummary("Embeddings of texts: a local model's final hidden states averaged over each text's tokens");
        return app;
    }

    private static Ok<ModelList> ListModels(LocalGeneration generation) =>
        TypedResults.Ok(new ModelList("list", [.. generation.ModelNames.Select(name => new ModelCard(name, "model", Created: 0, OwnedBy: "platform"))]));

    private static async Task<IResult> CompleteAsync(GenerationRequest request, ICompletionFormat format, LocalGeneration generation,
        JsonSerializerOptions json, TimeProvider time, CancellationToken cancellationToken)
    {
        if (generation.Find(request.Model) is not { } model)
        {
            return OpenAiErrors.ModelNotFound(request.Model!, generation.ModelNames);
        }

        var prompt = request.RenderPrompt();
        var header = new CompletionHeader(format.IdPrefix + Guid.NewGuid().ToString("N"), time.GetUtcNow().ToUnixTimeSeconds(), model.Name);
        try
        {
            if (request.Stream)
            {
                var usage = request.StreamOptions?.IncludeUsage == true ? generation.CountPromptTokens(model, prompt, cancellationToken) : (int?)null;
                return TypedResults.ServerSentEvents(StreamAsync(generation.StreamAsync(model, prompt, request.ToOptions(), cancellationToken),
                    format, header, usage, json, cancellationToken));
            }

            var completion = await generation.CompleteAsync(model, prompt, request.ToOptions(), cancellationToken);
            return TypedResults.Json(format.Whole(header, completion.Text, FinishReasonOf(completion.FinishReason),
                Usage.Of(completion.PromptTokens, completion.CompletionTokens), completion.Logprobs), json);
        }
        catch (ModelTooLargeException e)
        {
            return OpenAiErrors.Unavailable(e.Message);
        }
    }

    private static async Task<IResult> EmbedAsync(EmbeddingRequest request, LocalGeneration generation, LocalEmbeddings embeddings,
        CancellationToken cancellationToken)
    {
        if (generation.Find(request.Model) is not { } model)
        {
            return OpenAiErrors.ModelNotFound(request.Model!, generation.ModelNames);
        }

        try
        {
            var vectors = await embeddings.EmbedAsync(model, request.Texts(), cancellationToken);
            var tokens = vectors.Sum(vector => vector.Tokens);
            return TypedResults.Ok(new EmbeddingList("list", [.. vectors.Select((vector, index) => new EmbeddingData("embedding", index, vector.Vector))],
                model.Name, new EmbeddingUsage(tokens, tokens)));
        }
        catch (ModelTooLargeException e)
        {
            return OpenAiErrors.Unavailable(e.Message);
        }
    }

    /// <summary>Chunks as generated; with <paramref name="promptTokens"/> given, a last chunk with the usage.</summary>
    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(IAsyncEnumerable<StreamedToken> tokens, ICompletionFormat format,
        CompletionHeader header, int? promptTokens, JsonSerializerOptions json, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var generated = 0;
        await foreach (var token in tokens.WithCancellation(cancellationToken))
        {
            generated++;
            var finishReason = token.FinishReason is { } reason ? FinishReasonOf(reason) : null;
            yield return new SseItem<string>(JsonSerializer.Serialize(format.Chunk(header, token.Text, finishReason, token.Logprobs), json));
        }

        if (promptTokens is { } prompt)
        {
            yield return new SseItem<string>(JsonSerializer.Serialize(format.UsageChunk(header, Usage.Of(prompt, generated)), json));
        }

        yield return new SseItem<string>(Done);
    }

    private static string FinishReasonOf(FinishReason reason) => reason == FinishReason.Stop ? "stop" : "length";
}
