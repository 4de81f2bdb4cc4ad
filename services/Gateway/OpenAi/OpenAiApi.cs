using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Chat;
using Platform.Providers.Accounting;
using Platform.Providers.Embeddings;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;
using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.OpenAi;

/// <summary>
/// The OpenAI-compatible API over the registered models: an OpenAI SDK works against the Gateway by
/// changing only its base URL (`http://gateway/v1`) and key.
/// </summary>
public static class OpenAiApi
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithTags("OpenAI-compatible");
        v1.MapPost("/chat/completions", CompleteAsync).Validates<ChatCompletionRequest>()
            .WithSummary("Chat completion (stream: true for chat.completion.chunk events; stream_options.include_usage adds a usage chunk)");
        v1.MapPost("/embeddings", EmbedAsync).Validates<EmbeddingsRequestBody>()
            .WithSummary("Embeddings of a string, strings or token arrays (encoding_format float or base64, dimensions)");
        v1.MapGet("/models", ListModels).WithSummary("The registered model names");
        return app;
    }

    private static async Task<IResult> CompleteAsync(ChatCompletionRequest request, InteractiveCalls calls, TimeProvider time,
        HttpContext context)
    {
        var route = calls.Request(RouteTarget.Named(request.Model!), ChatInput.ToChatMessages(request.Turns()),
            ChatInput.Options(request.Temperature, request.OutputTokenLimit, request.TopP));
        var id = $"chatcmpl-{Guid.NewGuid():N}";
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        if (request.Stream == true)
        {
            return await StreamAsync(request, route, calls, context, new ChunkFactory(id, created, request.Model!));
        }

        try
        {
            var call = await calls.CompleteAsync(route, CallerIdentity.ApiKeyIdOf(context), context.RequestAborted);
            var choice = new ChatCompletionChoice(0, new AssistantMessage("assistant", call.Response.Text), call.Response.FinishReason?.Value ?? "stop");
            return TypedResults.Ok(new ChatCompletion(id, created, request.Model!, [choice], UsageOf(call.Tokens)));
        }
        catch (ProviderException e)
        {
            return OpenAiErrors.Result(e);
        }
    }

    private static async Task<IResult> EmbedAsync(EmbeddingsRequestBody request, Embedder embedder, InteractiveCalls calls, HttpContext context)
    {
        var route = new EmbeddingsRouteRequest(RouteTarget.Named(request.Model!), request.Inputs(), request.Dimensions, calls.Policy,
            CallMode.Interactive);
        try
        {
            var routed = await embedder.EmbedAsync(route, CallerIdentity.ApiKeyIdOf(context), context.RequestAborted);
            return TypedResults.Ok(EmbeddingList.Of(routed.Vectors, request.Model!, request.Base64));
        }
        catch (ProviderException e)
        {
            return OpenAiErrors.Result(e);
        }
    }

    private static async Task<IResult> StreamAsync(ChatCompletionRequest request, RouteRequest route, InteractiveCalls calls,
        HttpContext context, ChunkFactory chunks)
    {
        StartedAnswer stream;
        try
        {
            stream = await StartedAnswer.OpenAsync(calls.StreamAsync(route, CallerIdentity.ApiKeyIdOf(context), context.RequestAborted));
        }
        catch (ProviderException e)
        {
            return OpenAiErrors.Result(e);
        }

        var includeUsage = request.StreamOptions?.IncludeUsage == true;
        var first = true;
        return ServerSentEvents.Of(context, stream, Events, OpenAiErrors.Event);

        // As OpenAI streams: the role first, then content deltas, then the finish reason, then (on request) usage alone.
        IEnumerable<object> Events(StreamPiece piece)
        {
            if (first)
            {
                first = false;
                yield return chunks.Chunk(new ChatCompletionChunkDelta(Role: "assistant", Content: ""), null);
            }

            if (piece.Totals is not { } totals)
            {
                yield return chunks.Chunk(new ChatCompletionChunkDelta(Content: piece.Text), null);
                yield break;
            }

            yield return chunks.Chunk(new ChatCompletionChunkDelta(), totals.FinishReason);
            if (includeUsage)
            {
                yield return chunks.Usage(UsageOf(totals.Tokens));
            }
        }
    }

    private static Ok<ModelList> ListModels(ModelCatalog catalog) =>
        TypedResults.Ok(new ModelList(catalog.All.Where(deployment => deployment.Enabled)
            .GroupBy(deployment => deployment.ModelName)
            .OrderBy(model => model.Key, StringComparer.Ordinal)
            // Deployments carry no creation time; 0 says "unknown" in a field the SDKs require.
            .Select(model => new ModelEntry(model.Key, 0, model.First().Target.Kind.ModelType))
            .ToList()));

    private static ChatCompletionUsage UsageOf(TokenCount tokens) => new(tokens.Prompt, tokens.Completion, tokens.Total);

    private sealed record ChunkFactory(string Id, long Created, string Model)
    {
        public ChatCompletionChunk Chunk(ChatCompletionChunkDelta delta, string? finishReason) =>
            new(Id, Created, Model, [new ChatCompletionChunkChoice(0, delta, finishReason)]);

        public ChatCompletionChunk Usage(ChatCompletionUsage usage) => new(Id, Created, Model, [], usage);
    }
}
