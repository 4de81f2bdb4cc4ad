using System.Globalization;

namespace Platform.Gateway.Errors;

/// <summary>The one place a wait becomes `Retry-After`: whole seconds, rounded up so that a client never comes back too early.</summary>
public static class RetryAfterHeader
{
    public static int? Seconds(TimeSpan? wait) => wait is { } value ? Math.Max(1, (int)Math.Ceiling(value.TotalSeconds)) : null;

    /// <summary>Sets the header when there is a wait, and returns it in seconds for the body.</summary>
    public static int? Set(HttpContext context, TimeSpan? wait)
    {
        if (Seconds(wait) is not { } seconds)
        {
            return null;
        }

        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }
}
