namespace Platform.Gateway.Inference;

public sealed record EngineTasks(string Engine, string Description, IReadOnlyList<string> Tasks);
