using System.Globalization;

namespace Platform.Gateway.Interactive;

public static class RetryAfterHeader
{
    /// <summary>Passes on how long the provider (or the router's quota) asked callers to wait, in whole seconds.</summary>
    public static int? Set(HttpContext context, TimeSpan? retryAfter)
    {
        if (retryAfter is not { } wait)
        {
            return null;
        }

        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }
}
