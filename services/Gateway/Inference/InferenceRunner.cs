using Microsoft.Extensions.AI;
using Platform.Gateway.Errors;
using Platform.Gateway.Chat;
using Platform.Providers.Accounting;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.Gateway.Inference;

/// <summary>
/// Runs one seed 001 request: checks it, resolves its engine, and asks the model through the router
/// (<see cref="InteractiveCalls"/>, which accounts usage and cost) or, for embeddings, the provider's
/// embeddings API (accounted here the same way).
/// </summary>
public sealed class InferenceRunner(InferenceEngines engines, InteractiveCalls calls, EmbeddingsClient embeddings, UsageRecorder usage,
    InferenceMetrics metrics, TimeProvider time)
{
    public const int MaxEmbeddingTexts = 256;

    public async Task<InferenceResponse> RunAsync(InferenceRequest? request, string? apiKeyId, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var task = InferenceTasks.Find(request?.Task)?.Name ?? InferenceMetrics.Unknown;
        var engine = InferenceMetrics.Unknown;
        try
        {
            var prepared = await PrepareAsync(request, cancellationToken);
            engine = prepared.Target.Deployment.Target.Kind.ModelType;
            var response = prepared.Task.Name == InferenceTasks.FeatureExtraction
                ? await EmbedAsync(prepared, apiKeyId, started, cancellationToken)
                : await CompleteAsync(prepared, apiKeyId, started, cancellationToken);
            metrics.Record(task, engine, time.GetElapsedTime(started), success: true);
            return response;
        }
        catch (ProviderException e)
        {
            metrics.Record(task, engine, time.GetElapsedTime(started), success: false);
            throw InferenceErrors.FromProvider(e, request!.Engine!, request.ModelName ?? request.Engine!);
        }
        catch (InferenceException)
        {
            metrics.Record(task, engine, time.GetElapsedTime(started), success: false);
            throw;
        }
    }

    /// <summary>Checks a request and resolves it without calling any model; throws <see cref="InferenceException"/> naming what is wrong.</summary>
    public async Task<PreparedInference> PrepareAsync(InferenceRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw InferenceException.Invalid("body", "The request body is required");
        }

        if (string.IsNullOrWhiteSpace(request.Task))
        {
            throw InferenceException.Invalid("task", $"task is required; supported tasks: {string.Join(", ", InferenceTasks.All.Select(t => t.Name))}");
        }

        var task = InferenceTasks.Find(request.Task) ?? throw Unsupported($"task '{request.Task}' is not supported", request);
        var target = await engines.ResolveAsync(request, cancellationToken);
        if (!task.Engines.Contains(target.Deployment.Target.Kind.ModelType))
        {
            throw Unsupported($"task '{task.Name}' is not supported by engine '{target.Deployment.Target.Kind.ModelType}'", request,
                task.Engines);
        }

        var options = request.Options;
        if (task.Name == InferenceTasks.FeatureExtraction)
        {
            return new PreparedInference(request, task, target, [], new ChatOptions(), InferencePrompts.TextsOf(request.Data, MaxEmbeddingTexts));
        }

        var turns = InferencePrompts.Turns(task.Name, request.Data, options);
        if (ChatInput.Validate(target.ModelName, turns, options?.Temperature, options?.MaxTokens, options?.TopP, "options.") is { } problem)
        {
            var field = !problem.Param.StartsWith("messages", StringComparison.Ordinal) ? problem.Param
                : task.Name == InferenceTasks.Chat ? "data." + problem.Param
                : "data.inputs";
            throw InferenceException.Invalid(field, task.Name == InferenceTasks.Chat ? "data." + problem.Message : problem.Message);
        }

        var messages = ChatInput.ToChatMessages(turns);
        if (task.Name == InferenceTasks.ImageToText)
        {
            foreach (var image in InferencePrompts.ImagesOf(request.Data))
            {
                messages[^1].Contents.Add(image);
            }
        }

        return new PreparedInference(request, task, target, messages, ChatInput.Options(options?.Temperature, options?.MaxTokens, options?.TopP), []);
    }

    private async Task<InferenceResponse> CompleteAsync(PreparedInference prepared, string? apiKeyId, long started, CancellationToken cancellationToken)
    {
        var modelStarted = time.GetTimestamp();
        var call = await calls.CompleteAsync(calls.Request(prepared.Target.Route, prepared.Messages, prepared.Options), apiKeyId, cancellationToken);
        var result = InferencePrompts.Result(prepared.Task.Name, call.Response.Text, prepared.Request.Options);
        return Response(prepared, result, call.AnsweredBy, call.Tokens, started, time.GetElapsedTime(modelStarted));
    }

    private async Task<InferenceResponse> EmbedAsync(PreparedInference prepared, string? apiKeyId, long started, CancellationToken cancellationToken)
    {
        var deployment = prepared.Target.Deployment;
        var modelStarted = time.GetTimestamp();
        try
        {
            var vectors = await embeddings.EmbedAsync(deployment.Target, prepared.Texts, cancellationToken);
            var elapsed = time.GetElapsedTime(modelStarted);
            var tokens = new TokenCount(vectors.PromptTokens, 0, vectors.Estimated);
            usage.Record(UsageRecord.Succeeded(deployment, CallMode.Interactive, tokens, elapsed, time.GetUtcNow(), apiKeyId));
            var result = new { embeddings = vectors.Vectors, dimensions = vectors.Vectors.Count > 0 ? vectors.Vectors[0].Length : 0 };
            return Response(prepared, result, deployment, tokens, started, elapsed);
        }
        catch (ProviderException e)
        {
            usage.Record(UsageRecord.Failed(deployment.ModelName, deployment, CallMode.Interactive, e.ErrorCode, TokenCount.None,
                time.GetElapsedTime(modelStarted), time.GetUtcNow(), apiKeyId));
            throw;
        }
    }

    private InferenceResponse Response(PreparedInference prepared, object result, ModelDeployment answeredBy, TokenCount tokens, long started,
        TimeSpan modelTime)
    {
        var pricing = answeredBy.Pricing;
        return new InferenceResponse(true, prepared.Task.Name, prepared.Target.Engine, prepared.Target.ModelName, result,
            new AnsweredBy(answeredBy.Target.Kind.ModelType, answeredBy.Target.ModelName, answeredBy.Id),
            new InferenceUsage(tokens.Prompt, tokens.Completion, tokens.Total, tokens.Estimated,
                pricing.InputCost(tokens.Prompt) + pricing.OutputCost(tokens.Completion)),
            new InferenceTiming(Math.Round(time.GetElapsedTime(started).TotalSeconds, 4), Math.Round(modelTime.TotalSeconds, 4)),
            InferenceClock.Now(time));
    }

    private static InferenceException Unsupported(string message, InferenceRequest request, IReadOnlyList<string>? engines = null) =>
        new(ErrorKind.InvalidRequest, InferenceErrors.UnsupportedTask, message, new
        {
            task = request.Task,
            engine = request.Engine,
            supported_engines = engines,
            hint = "GET /inference/supported-tasks lists every task and the engines that run it",
        });
}
