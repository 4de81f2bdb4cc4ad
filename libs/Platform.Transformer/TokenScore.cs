namespace Platform.Transformer;

/// <summary>A token and its log-probability: the log-softmax of the logits it was picked from, before any temperature.</summary>
public sealed record TokenScore(int Id, double Logprob);
