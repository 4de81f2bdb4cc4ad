using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Platform.Contracts.Http.Routes;
using Platform.Jobs.Callers;
using Platform.Jobs.Data;
using Platform.Jobs.Domain;
using Platform.ServiceDefaults.Routing;

namespace Platform.Jobs.OpenAiBatches;

/// <summary>OpenAI's Files API for batch input and output: upload (multipart, streamed into PostgreSQL), read, download, list, delete.</summary>
public static class OpenAiFilesApi
{
    public const int MaxPageSize = 10_000;

    /// <summary>Room for the multipart framing and the `purpose` field around a file of the largest size.</summary>
    private const long MultipartAllowance = 1024 * 1024;

    public static IEndpointRouteBuilder MapOpenAiFilesApi(this IEndpointRouteBuilder app)
    {
        app.MapOperation(JobsOperations.UploadFile, UploadAsync);
        app.MapOperation(JobsOperations.ListFiles, ListAsync);
        app.MapOperation(JobsOperations.GetFile, GetAsync);
        app.MapOperation(JobsOperations.GetFileContent, ContentAsync);
        app.MapOperation(JobsOperations.DeleteFile, DeleteAsync);
        return app;
    }

    private static async Task<Results<Ok<FileObject>, JsonHttpResult<OpenAiErrorBody>>> UploadAsync(HttpContext context, Caller caller,
        FileStore store, JobsDbContext db, IOptions<OpenAiBatchOptions> options, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxFileBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = maxBytes + MultipartAllowance;
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return OpenAiErrors.InvalidRequest("The upload must be multipart/form-data with a `file` and a `purpose`", "file");
        }

        var reader = new MultipartReader(boundary, context.Request.Body);
        // A transient database error fails the upload: the request body cannot be read twice, so the strategy's retry finds no file.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync<Results<Ok<FileObject>, JsonHttpResult<OpenAiErrorBody>>>(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            OpenAiFile? file = null;
            FileChunkWriter? writer = null;
            string? purpose = null;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (name == "purpose")
                {
                    purpose = await section.ReadAsStringAsync(cancellationToken);
                }
                else if (name == "file" && file is null && disposition.IsFileDisposition())
                {
                    var filename = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    if (StorableText.Problem(filename) is { } problem)
                    {
                        return OpenAiErrors.InvalidRequest($"The file name {problem}", "file");
                    }

                    (file, writer) = await store.CreateAsync(caller.Owner, filename, OpenAiFile.BatchPurpose, maxBytes, cancellationToken);
                    if (!await writer.CopyFromAsync(section.Body, cancellationToken))
                    {
                        return OpenAiErrors.InvalidRequest($"The file is larger than the limit of {maxBytes} bytes", "file", "file_too_large");
                    }
                }
            }

            if (purpose is null)
            {
                return OpenAiErrors.InvalidRequest("purpose is required", "purpose", "missing_required_parameter");
            }

            if (purpose != OpenAiFile.BatchPurpose)
            {
                return OpenAiErrors.InvalidRequest($"purpose '{purpose}' is not supported; files here are for the Batch API: use 'batch'", "purpose");
            }

            if (file is null)
            {
                return OpenAiErrors.InvalidRequest("file is required: a multipart part named `file` with a file name", "file", "missing_required_parameter");
            }

            await writer!.FlushAsync(cancellationToken);
            file.Bytes = writer.Bytes;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return TypedResults.Ok(FileObject.Of(file));
        });
    }

    private static async Task<Results<Ok<ListPage<FileObject>>, JsonHttpResult<OpenAiErrorBody>>> ListAsync(Caller caller, FileStore store,
        CancellationToken cancellationToken, string? purpose = null, string? after = null, int limit = MaxPageSize)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return OpenAiErrors.InvalidRequest($"limit must be between 1 and {MaxPageSize}, got {limit}", "limit");
        }

        var visible = store.VisibleTo(caller).Where(file => purpose == null || file.Purpose == purpose);
        return await ListPaging.PageAsync(visible, after, limit, cancellationToken) is { } page
            ? TypedResults.Ok(new ListPage<FileObject>(page.Page.Select(FileObject.Of).ToList(), page.Page.FirstOrDefault()?.Id,
                page.Page.LastOrDefault()?.Id, page.HasMore))
            : NotFound(after!);
    }

    private static async Task<Results<Ok<FileObject>, JsonHttpResult<OpenAiErrorBody>>> GetAsync(string file_id, Caller caller, FileStore store,
        CancellationToken cancellationToken) =>
        await store.FindAsync(file_id, caller, cancellationToken) is { } file ? TypedResults.Ok(FileObject.Of(file)) : NotFound(file_id);

    private static async Task<IResult> ContentAsync(string file_id, Caller caller, FileStore store, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(file_id, caller, cancellationToken) is null)
        {
            return NotFound(file_id);
        }

        return TypedResults.Stream(async body =>
        {
            await foreach (var chunk in store.ReadAsync(file_id, cancellationToken))
            {
                await body.WriteAsync(chunk, cancellationToken);
            }
        }, "application/octet-stream");
    }

    private static async Task<Results<Ok<FileDeleted>, JsonHttpResult<OpenAiErrorBody>>> DeleteAsync(string file_id, Caller caller,
        FileStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(file_id, caller, cancellationToken) ? TypedResults.Ok(new FileDeleted(file_id, Deleted: true)) : NotFound(file_id);

    private static JsonHttpResult<OpenAiErrorBody> NotFound(string fileId) => OpenAiErrors.NotFound($"No such File object: {fileId}", "file_id");
}
