using Platform.Gateway.Errors;
using Platform.Providers.Resilience;

namespace Platform.Gateway.Inference;

/// <summary>
/// Seed 001's async inference: the request is checked here, then persisted and run by the Jobs service and
/// the workers as a one-item job, so it survives a restart of any service; its id is the job's id.
/// </summary>
public static class InferenceAsyncApi
{
    public static RouteGroupBuilder MapInferenceAsyncApi(this RouteGroupBuilder inference)
    {
        inference.MapPost("/async", SubmitAsync).WithSummary("Queue one text task; answers its id at once (202)");
        inference.MapGet("/async/{id}", GetAsync).WithSummary("An async request's status: running, then completed with its result or failed with its error");
        return inference;
    }

    private static async Task<IResult> SubmitAsync(InferenceRequest request, InferenceRunner runner, AsyncInferenceClient jobs, TimeProvider time, HttpContext context)
    {
        try
        {
            var prepared = await runner.PrepareAsync(request, context.RequestAborted);
            if (prepared.Task.Name is InferenceTasks.FeatureExtraction or InferenceTasks.ImageToText)
            {
                throw new InferenceException(ErrorKind.InvalidRequest, InferenceErrors.UnsupportedTask,
                    $"task '{prepared.Task.Name}' is answered synchronously only: use POST /inference/infer", new { task = prepared.Task.Name });
            }

            var id = await jobs.SubmitAsync(prepared, context.RequestAborted);
            return TypedResults.Accepted($"{InferenceApi.Prefix}/async/{id}", new
            {
                success = true,
                request_id = id,
                status = "pending",
                status_url = $"{InferenceApi.Prefix}/async/{id}",
                timestamp = InferenceClock.Now(time),
            });
        }
        catch (InferenceException e)
        {
            return e.ToError();
        }
    }

    private static Task<IResult> GetAsync(string id, AsyncInferenceClient jobs, TimeProvider time, HttpContext context) => InferenceErrors.AnswerAsync(context, async () =>
    {
        var job = await jobs.GetAsync(id, context.RequestAborted)
            ?? throw new InferenceException(ErrorKind.NotFound, InferenceErrors.NotFound, $"No async request '{id}'", new { request_id = id });
        var item = job.Item;
        var request = job.Request;
        return new
        {
            success = true,
            request_id = id,
            status = item is null ? job.Status : item.Status == "completed" ? "completed" : "failed",
            task = request?.Task,
            engine = request?.Engine,
            model_name = request?.ModelName,
            result = item is { Status: "completed", RawText: { } text } && request is not null ? InferencePrompts.Result(request.Task, text, request.Options) : null,
            error = item is { Status: not "completed" } failed ? ErrorOf(failed, request) : null,
            processing_time = item?.ProcessingTime,
            created_at = job.CreatedAt,
            completed_at = job.CompletedAt,
            timestamp = InferenceClock.Now(time),
        };
    });

    /// <summary>The item's failure in the seed's error shape, classified like a synchronous call's.</summary>
    private static InferenceErrorBody ErrorOf(AsyncItemOutcome item, AsyncRequestRecord? request)
    {
        var failure = InferenceErrors.FromProvider(new ProviderException(item.ErrorCode ?? ProviderErrorCode.ModelUnavailable, item.Error ?? "failed", false),
            request?.Engine ?? "", request?.ModelName ?? "");
        return new InferenceErrorBody(InferenceErrors.TypeOf(failure.Code), failure.Message, failure.Code, failure.Details);
    }
}
