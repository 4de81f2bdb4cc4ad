using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Providers.Caching;

namespace Platform.Gateway.Cache;

/// <summary>Seed 000's prediction cache management, over the cache every replica shares.</summary>
public static class CacheApi
{
    public static IEndpointRouteBuilder MapCacheApi(this IEndpointRouteBuilder app)
    {
        var cache = app.MapGroup("/api/v1/ai/cache").WithTags("Prediction cache");
        cache.MapGet("/stats", GetStatsAsync).WithSummary("Entries, hits and misses of every replica, hit rate, size, oldest and newest entry");
        cache.MapDelete("/", ClearAsync).WithSummary("Delete every cached prediction and restart the hit/miss counts");
        return app;
    }

    private static async Task<Ok<CacheStatsResponse>> GetStatsAsync(PredictionCache cache, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await cache.GetStatsAsync(cancellationToken)));

    private static async Task<Ok<CacheClearedResponse>> ClearAsync(PredictionCache cache, CancellationToken cancellationToken)
    {
        var cleared = await cache.ClearAsync(cancellationToken);
        return TypedResults.Ok(new CacheClearedResponse($"{cleared} cache entries cleared", cleared));
    }

    private static CacheStatsResponse ToResponse(PredictionCacheStats stats) => new(stats.TotalEntries, stats.CacheHits, stats.CacheMisses,
        Math.Round(stats.HitRate, 3), FormatSize(stats.SizeBytes), stats.OldestEntry?.UtcDateTime, stats.NewestEntry?.UtcDateTime);

    /// <summary>The seed writes sizes like "45.2MB".</summary>
    public static string FormatSize(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double size = bytes;
        var unit = 0;
        while (size >= 1024 && unit < units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes}B" : size.ToString("0.0", CultureInfo.InvariantCulture) + units[unit];
    }
}

public sealed record CacheStatsResponse(
    long TotalEntries,
    long CacheHits,
    long CacheMisses,
    double HitRate,
    string MemoryUsage,
    DateTime? OldestEntry,
    DateTime? NewestEntry);

public sealed record CacheClearedResponse(string Message, long ClearedEntries);
