using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Http.Routes;
using Platform.ServiceDefaults.Routing;
using Platform.TransformerWorker.TransformerApi;

namespace Platform.TransformerWorker.Health;

/// <summary>
/// Seed 002's health endpoints. A check is "degraded" at 85 % use (or with no model loaded yet) and
/// "unhealthy" at 95 %; the report's status is its worst check, and an unhealthy report answers 503.
/// </summary>
public static class TransformerHealthApi
{
    public const string Version = "1.0.0";
    private const string Healthy = "healthy", Degraded = "degraded", Unhealthy = "unhealthy";
    private const double MiB = 1024.0 * 1024.0, GiB = MiB * 1024.0;

    public static IEndpointRouteBuilder MapTransformerHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapOperation(TransformerOperations.Health, Report);
        app.MapOperation(TransformerOperations.Ping, (TimeProvider time) => TypedResults.Ok(new PingResponse("PONG", time.GetUtcNow().UtcDateTime)));
        return app;
    }

    private static JsonHttpResult<HealthResponse> Report(TransformerSession session, TimeProvider time)
    {
        var initialized = session.Current is not null;
        var model = new ModelCheck(initialized ? Healthy : Degraded, initialized, "cpu");

        var memoryInfo = GC.GetGCMemoryInfo();
        var (memoryUsed, memoryTotal) = (memoryInfo.MemoryLoadBytes, memoryInfo.TotalAvailableMemoryBytes);
        var memoryPercent = Percent(memoryUsed, memoryTotal);
        var memory = new MemoryCheck(StatusOf(memoryPercent), Round(memoryUsed / MiB), Round((memoryTotal - memoryUsed) / MiB), memoryPercent);

        var drive = new DriveInfo(AppContext.BaseDirectory);
        var diskUsed = drive.TotalSize - drive.AvailableFreeSpace;
        var diskPercent = Percent(diskUsed, drive.TotalSize);
        var disk = new DiskCheck(StatusOf(diskPercent), Round(diskUsed / GiB), Round(drive.AvailableFreeSpace / GiB), diskPercent);

        string[] statuses = [model.Status, memory.Status, disk.Status];
        var overall = statuses.Contains(Unhealthy) ? Unhealthy : statuses.Contains(Degraded) ? Degraded : Healthy;
        return TypedResults.Json(new HealthResponse(overall, time.GetUtcNow().UtcDateTime, Version, new HealthChecks(model, memory, disk)),
            statusCode: overall == Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static string StatusOf(double usagePercent) => usagePercent >= 95 ? Unhealthy : usagePercent >= 85 ? Degraded : Healthy;

    private static double Percent(long used, long total) => total <= 0 ? 0 : Round(100.0 * used / total);

    private static double Round(double value) => Math.Round(value, 1);
}
