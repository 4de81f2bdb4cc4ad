namespace Platform.Gateway.Inference;

/// <summary>One runnable example: the request body and the same call with curl.</summary>
public sealed record InferenceExample(string Task, string Description, object Request, string Curl);
