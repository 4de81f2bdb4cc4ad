namespace Platform.Gateway.Inference;

/// <summary>Seed 001 stamps answers with Python's `time.time()`: seconds since the Unix epoch, as a number.</summary>
public static class InferenceClock
{
    public static double Now(TimeProvider time) => Math.Round(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, 3);
}
