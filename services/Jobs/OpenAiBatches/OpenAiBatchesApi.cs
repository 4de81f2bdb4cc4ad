using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Http.Routes;
using Platform.Jobs.Callers;
using Platform.Jobs.Data;
using Platform.Jobs.Domain;
using Platform.ServiceDefaults.Routing;

namespace Platform.Jobs.OpenAiBatches;

/// <summary>OpenAI's Batch API: a batch is validated, then runs as a platform job, line by line, on any registered model.</summary>
public static class OpenAiBatchesApi
{
    public const string ChatCompletionsEndpoint = "/v1/chat/completions";
    public const string EmbeddingsEndpoint = "/v1/embeddings";
    public const string CompletionWindow = "24h";
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxMetadataPairs = 16;
    public const int MaxMetadataKeyLength = 64;
    public const int MaxMetadataValueLength = 512;

    public static IEndpointRouteBuilder MapOpenAiBatchesApi(this IEndpointRouteBuilder app)
    {
        app.MapOperation(JobsOperations.CreateOpenAiBatch, CreateAsync);
        app.MapOperation(JobsOperations.ListOpenAiBatches, ListAsync);
        app.MapOperation(JobsOperations.GetOpenAiBatch, GetAsync);
        app.MapOperation(JobsOperations.CancelOpenAiBatch, CancelAsync);
        return app;
    }

    private static async Task<Results<Ok<BatchObject>, JsonHttpResult<OpenAiErrorBody>>> CreateAsync(CreateBatchRequest? request, Caller caller,
        FileStore files, JobsDbContext db, IOptions<OpenAiBatchOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Problem(request) is { } problem)
        {
            return problem;
        }

        var file = await files.FindAsync(request!.InputFileId!, caller, cancellationToken);
        if (file is null)
        {
            return OpenAiErrors.NotFound($"No such File object: {request.InputFileId}", "input_file_id");
        }

        if (file.Purpose != OpenAiFile.BatchPurpose)
        {
            return OpenAiErrors.InvalidRequest($"File {file.Id} has purpose '{file.Purpose}'; a batch's input must have purpose 'batch'", "input_file_id");
        }

        var now = time.GetUtcNow();
        var batch = new OpenAiBatch
        {
            Id = OpenAiBatch.NewId(),
            Owner = caller.Owner,
            Endpoint = request.Endpoint!,
            InputFileId = file.Id,
            CompletionWindow = CompletionWindow,
            Metadata = request.Metadata is { ValueKind: JsonValueKind.Object } metadata ? metadata.GetRawText() : null,
            Status = OpenAiBatchStatus.Validating,
            CreatedAt = now,
            ExpiresAt = now + options.Value.CompletionWindow,
        };
        db.OpenAiBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ViewAsync(db, batch, cancellationToken));
    }

    private static JsonHttpResult<OpenAiErrorBody>? Problem(CreateBatchRequest? request) => request switch
    {
        null => OpenAiErrors.InvalidRequest("A JSON body {input_file_id, endpoint, completion_window} is required", null),
        { InputFileId: null or "" } => Missing("input_file_id"),
        { Endpoint: null or "" } => Missing("endpoint"),
        { CompletionWindow: null or "" } => Missing("completion_window"),
        { Endpoint: not (ChatCompletionsEndpoint or EmbeddingsEndpoint) } => OpenAiErrors.InvalidRequest(
            $"endpoint must be {ChatCompletionsEndpoint} or {EmbeddingsEndpoint}, got '{request.Endpoint}'", "endpoint", "invalid_value"),
        { CompletionWindow: not CompletionWindow } => OpenAiErrors.InvalidRequest(
            $"completion_window must be '{CompletionWindow}', got '{request.CompletionWindow}'", "completion_window", "invalid_value"),
        _ => MetadataProblem(request.Metadata),
    };

    private static JsonHttpResult<OpenAiErrorBody>? MetadataProblem(JsonElement? metadata)
    {
        if (metadata is not { } given || given.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (given.ValueKind != JsonValueKind.Object)
        {
            return OpenAiErrors.InvalidRequest("metadata must be an object of string values", "metadata", "invalid_type");
        }

        var pairs = given.EnumerateObject().ToList();
        var bad = pairs.Where(pair => pair.Name.Length > MaxMetadataKeyLength || pair.Value.ValueKind != JsonValueKind.String
                || pair.Value.GetString()!.Length > MaxMetadataValueLength || StorableText.JsonProblem(pair.Value.GetRawText()) is not null)
            .Select(pair => pair.Name).FirstOrDefault();
        return pairs.Count > MaxMetadataPairs
            ? OpenAiErrors.InvalidRequest($"metadata has {pairs.Count} keys; at most {MaxMetadataPairs} are allowed", "metadata", "invalid_value")
            : bad is not null
                ? OpenAiErrors.InvalidRequest($"metadata.{bad}: keys are at most {MaxMetadataKeyLength} characters, values strings of at most {MaxMetadataValueLength}",
                    "metadata", "invalid_value")
                : null;
    }

    private static JsonHttpResult<OpenAiErrorBody> Missing(string param) =>
        OpenAiErrors.InvalidRequest($"{param} is required", param, "missing_required_parameter");

    private static async Task<Results<Ok<BatchObject>, JsonHttpResult<OpenAiErrorBody>>> GetAsync(string batch_id, Caller caller, JobsDbContext db,
        CancellationToken cancellationToken) =>
        await FindAsync(db, batch_id, caller, cancellationToken) is { } batch
            ? TypedResults.Ok(await ViewAsync(db, batch, cancellationToken))
            : NotFound(batch_id);

    private static async Task<Results<Ok<ListPage<BatchObject>>, JsonHttpResult<OpenAiErrorBody>>> ListAsync(Caller caller, JobsDbContext db,
        CancellationToken cancellationToken, string? after = null, int limit = DefaultPageSize)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return OpenAiErrors.InvalidRequest($"limit must be between 1 and {MaxPageSize}, got {limit}", "limit");
        }

        if (await ListPaging.PageAsync(Visible(db, caller), after, limit, cancellationToken) is not { } page)
        {
            return NotFound(after!);
        }

        var views = new List<BatchObject>(page.Page.Count);
        foreach (var batch in page.Page)
        {
            views.Add(await ViewAsync(db, batch, cancellationToken));
        }

        return TypedResults.Ok(new ListPage<BatchObject>(views, views.FirstOrDefault()?.Id, views.LastOrDefault()?.Id, page.HasMore));
    }

    /// <summary>
    /// Asks the runner to stop the batch: lines already running finish and are kept, the others are not started. A batch
    /// cancelled again answers as it is; one that already ended cannot be.
    /// </summary>
    private static async Task<Results<Ok<BatchObject>, JsonHttpResult<OpenAiErrorBody>>> CancelAsync(string batch_id, Caller caller,
        JobsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await Visible(db, caller)
            .Where(batch => batch.Id == batch_id && (batch.Status == OpenAiBatchStatus.Validating || batch.Status == OpenAiBatchStatus.InProgress))
            .ExecuteUpdateAsync(update => update.SetProperty(batch => batch.Status, OpenAiBatchStatus.Cancelling)
                .SetProperty(batch => batch.CancellingAt, now), cancellationToken);
        var batch = await FindAsync(db, batch_id, caller, cancellationToken);
        return batch switch
        {
            null => NotFound(batch_id),
            { Status: OpenAiBatchStatus.Cancelling or OpenAiBatchStatus.Cancelled } => TypedResults.Ok(await ViewAsync(db, batch, cancellationToken)),
            _ => OpenAiErrors.Conflict($"Batch {batch_id} is {Data.Configurations.OpenAiBatchConfiguration.Name(batch.Status)} and cannot be cancelled"),
        };
    }

    private static IQueryable<OpenAiBatch> Visible(JobsDbContext db, Caller caller) =>
        db.OpenAiBatches.AsNoTracking().Where(batch => caller.IsAdmin || batch.Owner == caller.Owner);

    private static Task<OpenAiBatch?> FindAsync(JobsDbContext db, string batchId, Caller caller, CancellationToken cancellationToken) =>
        Visible(db, caller).SingleOrDefaultAsync(batch => batch.Id == batchId, cancellationToken);

    /// <summary>The batch as OpenAI shows it; while its job runs, the counts are the job's own.</summary>
    private static async Task<BatchObject> ViewAsync(JobsDbContext db, OpenAiBatch batch, CancellationToken cancellationToken)
    {
        var counts = new RequestCounts(batch.TotalRequests, batch.CompletedRequests, batch.FailedRequests);
        if (!batch.IsEnded && batch.JobId is not null
            && await db.Jobs.AsNoTracking().SingleOrDefaultAsync(job => job.Id == batch.JobId, cancellationToken) is { } job)
        {
            counts = new RequestCounts(job.TotalItems, job.SucceededItems, job.FailedItems);
        }

        return new BatchObject(batch.Id, batch.Endpoint,
            batch.Errors is null ? null : JsonSerializer.Deserialize<BatchErrors>(batch.Errors, JsonSerializerOptions.Web),
            batch.InputFileId, batch.CompletionWindow, Data.Configurations.OpenAiBatchConfiguration.Name(batch.Status), batch.OutputFileId,
            batch.ErrorFileId, batch.CreatedAt.ToUnixTimeSeconds(), batch.InProgressAt?.ToUnixTimeSeconds(), batch.ExpiresAt.ToUnixTimeSeconds(),
            batch.FinalizingAt?.ToUnixTimeSeconds(), batch.CompletedAt?.ToUnixTimeSeconds(), batch.FailedAt?.ToUnixTimeSeconds(),
            batch.ExpiredAt?.ToUnixTimeSeconds(), batch.CancellingAt?.ToUnixTimeSeconds(), batch.CancelledAt?.ToUnixTimeSeconds(), counts,
            batch.Model, batch.Metadata is null ? null : JsonSerializer.Deserialize<JsonElement>(batch.Metadata), batch.JobId);
    }

    private static JsonHttpResult<OpenAiErrorBody> NotFound(string batchId) => OpenAiErrors.NotFound($"No such Batch object: {batchId}", "batch_id");
}
