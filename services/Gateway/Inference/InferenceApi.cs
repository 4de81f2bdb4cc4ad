using Microsoft.Extensions.Options;
using Platform.Gateway.Chat;
using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.Inference;

/// <summary>Seed 001's Inference API: the unified endpoint, its legacy twins and the batch endpoint.</summary>
public static class InferenceApi
{
    public const string Prefix = "/inference";

    public static IEndpointRouteBuilder MapInferenceApi(this IEndpointRouteBuilder app)
    {
        var inference = app.MapGroup(Prefix).WithTags("Inference");
        inference.MapPost("/infer", InferAsync)
            .WithSummary("Run one task (text-generation, chat, classification, sentiment, summarization, translation, feature-extraction, image-to-text)");
        inference.MapPost("/infer_fixed", InferAsync).WithSummary("Legacy name of /inference/infer, same request and answer");
        inference.MapPost("/infer_multimodal", (InferenceRequest request, InferenceRunner runner, HttpContext context) =>
                InferAsync(request with { Task = MultimodalTask(request) }, runner, context))
            .WithSummary("Legacy multimodal endpoint: data.inputs plus data.images (URLs or base64) to an engine that accepts images");
        inference.MapPost("/batch", BatchAsync).Validates<BatchInferenceRequest>()
            .WithSummary("Run 1-100 requests, one after another or in parallel; one failure never fails the batch");
        inference.MapInferenceInfoApi();
        inference.MapInferenceCacheApi();
        inference.MapInferenceAsyncApi();
        return app;
    }

    private static string MultimodalTask(InferenceRequest request) => request.Task ?? InferenceTasks.ImageToText;

    private static Task<IResult> InferAsync(InferenceRequest request, InferenceRunner runner, HttpContext context) =>
        InferenceErrors.AnswerAsync(context, async () => await runner.RunAsync(request, CallerIdentity.ApiKeyIdOf(context), context.RequestAborted));

    private static async Task<IResult> BatchAsync(BatchInferenceRequest batch, InferenceRunner runner, IOptions<InferenceOptions> options,
        TimeProvider time, HttpContext context)
    {
        var requests = batch.Requests!;
        var started = time.GetTimestamp();
        var apiKeyId = CallerIdentity.ApiKeyIdOf(context);
        var results = new BatchItemResult[requests.Count];
        async ValueTask RunAsync(int index, CancellationToken cancellationToken)
        {
            var request = requests[index];
            try
            {
                results[index] = new BatchItemResult(index, true, await runner.RunAsync(request, apiKeyId, cancellationToken), null, null, null, null);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var code = (e as InferenceException)?.Code ?? InferenceErrors.InferenceFailed;
                results[index] = new BatchItemResult(index, false, null, e.Message, code, request?.Task, request?.ModelName);
            }
        }

        if (batch.Parallel == true)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.BatchParallelism, CancellationToken = context.RequestAborted }, RunAsync);
        }
        else
        {
            for (var index = 0; index < requests.Count; index++)
            {
                await RunAsync(index, context.RequestAborted);
            }
        }

        var total = time.GetElapsedTime(started).TotalSeconds;
        var successful = results.Count(result => result.Success);
        return TypedResults.Ok(new BatchInferenceResponse(true,
            new BatchSummary(requests.Count, successful, requests.Count - successful, Math.Round((double)successful / requests.Count, 4)),
            results, Math.Round(total, 4), Math.Round(total / requests.Count, 4), InferenceClock.Now(time)));
    }
}
