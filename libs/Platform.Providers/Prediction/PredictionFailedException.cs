using Platform.Providers.Resilience;

namespace Platform.Providers.Prediction;

/// <summary>A prediction that failed after every allowed attempt.</summary>
public sealed class PredictionFailedException(ProviderException cause, int attempts, TimeSpan elapsed)
    : Exception(cause.Message, cause)
{
    public ProviderException Cause { get; } = cause;
    public int Attempts { get; } = attempts;
    public TimeSpan Elapsed { get; } = elapsed;
}
