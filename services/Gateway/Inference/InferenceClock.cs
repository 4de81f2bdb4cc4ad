namespace Platform.Gateway.Inference;

/// <summary>Seed 001 stamps answers with Python's `time.time()`: seconds since the Unix epoch, as a number.</summary>
public static class InferenceClock
{
    public static double Now() => Seconds(DateTimeOffset.UtcNow);

    public static double Seconds(DateTimeOffset at) => Math.Round(at.ToUnixTimeMilliseconds() / 1000.0, 3);
}
