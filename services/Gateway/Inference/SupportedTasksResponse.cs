namespace Platform.Gateway.Inference;

/// <summary>`GET /inference/supported-tasks`: engines by task, and tasks by engine.</summary>
public sealed record SupportedTasksResponse(
    bool Success,
    IReadOnlyDictionary<string, IReadOnlyList<string>> SupportedTasks,
    IReadOnlyList<InferenceTask> Tasks,
    IReadOnlyList<EngineTasks> Engines,
    string RegisteredModels,
    double Timestamp);
