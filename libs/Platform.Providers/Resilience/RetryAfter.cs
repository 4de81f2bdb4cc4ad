using System.ClientModel.Primitives;
using System.Globalization;

namespace Platform.Providers.Resilience;

/// <summary>Reads a `Retry-After` header: delta seconds or an HTTP date (counted from <see cref="TimeProvider"/>'s now).</summary>
public static class RetryAfter
{
    public static TimeSpan? Parse(PipelineResponseHeaders? headers, TimeProvider time) =>
        headers is not null && headers.TryGetValue("Retry-After", out var value) ? Parse(value, time) : null;

    public static TimeSpan? Parse(string? value, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? TimeSpan.FromTicks(Math.Max(0, (date - time.GetUtcNow()).Ticks))
            : null;
    }
}
