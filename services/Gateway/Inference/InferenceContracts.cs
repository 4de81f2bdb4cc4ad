using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Gateway.Interactive;

namespace Platform.Gateway.Inference;

/// <summary>Seed 001's `InferenceRequest`: which task, on which engine and model, over which data, with which options.</summary>
public sealed record InferenceRequest(string? Task, string? Engine, string? ModelName, InferenceData? Data, InferenceRequestOptions? Options);

/// <summary>
/// A task's input: `inputs` (a text; for feature-extraction also an array of texts), `messages` for chat,
/// `images` (URLs, data URIs or base64) for multimodal requests.
/// </summary>
public sealed record InferenceData(JsonElement? Inputs, IReadOnlyList<ChatTurn?>? Messages, IReadOnlyList<string?>? Images);

/// <summary>Sampling settings, a task's own settings, and the endpoint of a model given in full (not registered).</summary>
public sealed record InferenceRequestOptions(
    double? Temperature,
    int? MaxTokens,
    double? TopP,
    IReadOnlyList<string?>? Labels,
    string? SourceLanguage,
    string? TargetLanguage,
    string? ApiKey,
    string? BaseUrl);

/// <summary>A whole answer: the task's result, who answered, what it used and how long it took.</summary>
public sealed record InferenceResponse(
    bool Success,
    string Task,
    string Engine,
    string ModelName,
    object Result,
    AnsweredBy AnsweredBy,
    InferenceUsage Usage,
    InferenceTiming Timing,
    double Timestamp);

/// <summary>The engine, model and deployment that answered (a registered model may fall back to another).</summary>
public sealed record AnsweredBy(string Engine, string ModelName, string Deployment);

public sealed record InferenceUsage(int PromptTokens, int CompletionTokens, int TotalTokens, bool Estimated, decimal Cost);

/// <summary>Seconds spent: the whole request and the model call within it.</summary>
public sealed record InferenceTiming(double ProcessingTime, double ModelTime);

/// <summary>`POST /inference/batch`: 1 to 100 requests, run one after another or in parallel.</summary>
public sealed record BatchInferenceRequest(IReadOnlyList<InferenceRequest?>? Requests, bool? Parallel);

public sealed record BatchInferenceResponse(
    bool Success,
    BatchSummary Summary,
    IReadOnlyList<BatchItemResult> Results,
    double TotalProcessingTime,
    double AverageTimePerRequest,
    double Timestamp);

public sealed record BatchSummary(int TotalRequests, int Successful, int Failed, double SuccessRate);

/// <summary>One request's outcome: its answer, or (as in the seed) its error with the task and model it was for.</summary>
public sealed record BatchItemResult(
    int Index,
    bool Success,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] InferenceResponse? Result,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Task,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ModelName);

/// <summary>`GET /inference/supported-tasks`: engines by task, and tasks by engine.</summary>
public sealed record SupportedTasksResponse(
    bool Success,
    IReadOnlyDictionary<string, IReadOnlyList<string>> SupportedTasks,
    IReadOnlyList<InferenceTask> Tasks,
    IReadOnlyList<EngineTasks> Engines,
    string RegisteredModels,
    double Timestamp);

public sealed record EngineTasks(string Engine, string Description, IReadOnlyList<string> Tasks);
