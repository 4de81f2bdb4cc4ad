using Microsoft.Extensions.Logging;

namespace Platform.AppHost.Extensions;

/// <summary>Lines written to a resource's console log in the dashboard.</summary>
internal static partial class ResourceLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    public static partial void Line(this ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Name} did not start: {Reason}")]
    public static partial void StartFailed(this ILogger logger, string name, string reason);
}
