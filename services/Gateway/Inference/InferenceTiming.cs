namespace Platform.Gateway.Inference;

/// <summary>Seconds spent: the whole request and the model call within it.</summary>
public sealed record InferenceTiming(double ProcessingTime, double ModelTime);
