namespace Platform.Contracts.Http.Routes;

/// <summary>The Jobs service's public operations: seed 000's tasks, batch jobs and queue administration, and OpenAI's Files and Batch API.</summary>
public static class JobsOperations
{
    private const string TasksTag = "Tasks";
    private const string BatchTag = "Batch prediction";
    private const string QueuesTag = "Queues";
    private const string OpenAiTag = "OpenAI-compatible batches";

    public static readonly HttpOperation ImportTasks = new("POST", "/api/v1/tasks", TasksTag,
        "Import annotation tasks (JSON array of {id?, content, metadata?}); idempotent by id");
    public static readonly HttpOperation GetTask = new("GET", "/api/v1/tasks/{task_id}", TasksTag, "Read one imported task");

    public static readonly HttpOperation SubmitBatch = new("POST", "/api/v1/ai/predict/batch", BatchTag, "Submit a batch pre-annotation job");
    public static readonly HttpOperation ListBatches = new("GET", "/api/v1/ai/batch", BatchTag, "List batch jobs, newest first (?offset=&limit=)");
    public static readonly HttpOperation GetBatch = new("GET", "/api/v1/ai/batch/{job_id}", BatchTag,
        "Poll a batch job: status, progress and results (?offset=&limit=)");
    public static readonly HttpOperation CancelBatch = new("DELETE", "/api/v1/ai/batch/{job_id}", BatchTag,
        "Cancel a batch job; running items' results are kept");

    public static readonly HttpOperation ListQueues = new("GET", "/api/v1/admin/queues", QueuesTag,
        "Worker queues: messages waiting, consumers, messages in the error queue (admin)");
    public static readonly HttpOperation ReplayQueue = new("POST", "/api/v1/admin/queues/{queue}/replay", QueuesTag,
        "Move messages from a queue's _error queue back to it (?limit=; admin)");

    public static readonly HttpOperation UploadFile = new("POST", "/v1/files", OpenAiTag,
        "Upload a batch input file (multipart: file, purpose=batch; JSONL of {custom_id, method, url, body})");
    public static readonly HttpOperation ListFiles = new("GET", "/v1/files", OpenAiTag, "Your files (?purpose=&after=&limit=)");
    public static readonly HttpOperation GetFile = new("GET", "/v1/files/{file_id}", OpenAiTag, "One file");
    public static readonly HttpOperation GetFileContent = new("GET", "/v1/files/{file_id}/content", OpenAiTag,
        "A file's bytes: an input, or a batch's output or error JSONL");
    public static readonly HttpOperation DeleteFile = new("DELETE", "/v1/files/{file_id}", OpenAiTag, "Delete a file");

    public static readonly HttpOperation CreateOpenAiBatch = new("POST", "/v1/batches", OpenAiTag,
        "Create a batch from an uploaded file (endpoint /v1/chat/completions, completion_window 24h)");
    public static readonly HttpOperation ListOpenAiBatches = new("GET", "/v1/batches", OpenAiTag, "Your batches, newest first (?after=&limit=)");
    public static readonly HttpOperation GetOpenAiBatch = new("GET", "/v1/batches/{batch_id}", OpenAiTag,
        "A batch: status, request_counts, output_file_id, error_file_id");
    public static readonly HttpOperation CancelOpenAiBatch = new("POST", "/v1/batches/{batch_id}/cancel", OpenAiTag,
        "Cancel a batch; lines already answered are kept");

    public static IReadOnlyList<HttpOperation> All { get; } =
    [
        ImportTasks, GetTask, SubmitBatch, ListBatches, GetBatch, CancelBatch, ListQueues, ReplayQueue,
        UploadFile, ListFiles, GetFile, GetFileContent, DeleteFile, CreateOpenAiBatch, ListOpenAiBatches, GetOpenAiBatch, CancelOpenAiBatch,
    ];
}
