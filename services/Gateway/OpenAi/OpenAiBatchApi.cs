using Platform.Gateway.Forwarding;

namespace Platform.Gateway.OpenAi;

/// <summary>
/// The OpenAPI listing of OpenAI's Files and Batch APIs under `/v1`, served by the Jobs service: the same batch scripts
/// run on every registered model, through the platform's queue. Uploads stream through; Jobs enforces the file limit (the
/// Gateway's body limit for uploads, in <see cref="Routing.RequestBodyLimits"/>, is above it). A Jobs route missing here
/// is still forwarded (<see cref="ForwardedRoutes"/>).
/// </summary>
public static class OpenAiBatchApi
{
    public static IEndpointRouteBuilder MapOpenAiBatchApi(this IEndpointRouteBuilder app)
    {
        var forward = ForwardedRoutes.To(ForwardedService.OpenAiJobs);
        var files = app.MapGroup("/v1/files").WithTags("OpenAI-compatible batches");
        files.MapPost("/", forward).WithSummary("Upload a batch input file (multipart: file, purpose=batch; JSONL of {custom_id, method, url, body})");
        files.MapGet("/", forward).WithSummary("Your files (?purpose=&after=&limit=)");
        files.MapGet("/{file_id}", forward).WithSummary("One file");
        files.MapGet("/{file_id}/content", forward).WithSummary("A file's bytes: an input, or a batch's output or error JSONL");
        files.MapDelete("/{file_id}", forward).WithSummary("Delete a file");

        var batches = app.MapGroup("/v1/batches").WithTags("OpenAI-compatible batches");
        batches.MapPost("/", forward).WithSummary("Create a batch from an uploaded file (endpoint /v1/chat/completions, completion_window 24h)");
        batches.MapGet("/", forward).WithSummary("Your batches, newest first (?after=&limit=)");
        batches.MapGet("/{batch_id}", forward).WithSummary("A batch: status, request_counts, output_file_id, error_file_id");
        batches.MapPost("/{batch_id}/cancel", forward).WithSummary("Cancel a batch; lines already answered are kept");
        return app;
    }
}
