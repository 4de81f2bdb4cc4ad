namespace Platform.Gateway.Inference;

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
