namespace Platform.TransformerWorker.Completions;

public sealed record ChatTopLogprob(string Token, double Logprob, IReadOnlyList<int> Bytes);
