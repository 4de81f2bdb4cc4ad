using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Providers.Caching;
using Platform.Contracts.Http.Cache;
using Platform.ServiceDefaults;

namespace Platform.Gateway.Cache;

/// <summary>
/// Seed 000's prediction cache management, over the cache every replica shares, and what seed 004's cache manager
/// needs besides (listing entries, purging the expired ones now): admin only, as entries hold other callers' answers.
/// </summary>
public static class CacheApi
{
    public const int MaxPageSize = 1000;
    public const int PreviewLength = 120;

    public static IEndpointRouteBuilder MapCacheApi(this IEndpointRouteBuilder app)
    {
        var cache = app.MapGroup("/api/v1/ai/cache").WithTags("Prediction cache");
        cache.MapGet("/stats", GetStatsAsync).WithSummary("Entries, hits and misses of every replica, hit rate, size, oldest and newest entry");
        cache.MapDelete("/", ClearAsync).WithSummary("Delete every cached prediction and restart the hit/miss counts");
        cache.MapGet("/entries", ListAsync)
            .WithSummary("Cached predictions newest first, expired ones included (?offset=&limit=)");
        cache.MapPost("/purge-expired", PurgeExpiredAsync)
            .WithSummary("Delete expired cached predictions now instead of at the next periodic purge");
        return app;
    }

    private static async Task<Results<Ok<CacheEntryList>, BadRequest<AiApiError>>> ListAsync(PredictionCache cache,
        CancellationToken cancellationToken, int offset = 0, int limit = 100)
    {
        if (offset < 0 || limit is < 1 or > MaxPageSize)
        {
            return AiApiError.BadRequest($"offset must be 0 or more and limit between 1 and {MaxPageSize}, got offset {offset}, limit {limit}");
        }

        var stats = await cache.GetStatsAsync(cancellationToken);
        var entries = await cache.ListAsync(offset, limit, cancellationToken);
        return TypedResults.Ok(new CacheEntryList([.. entries.Select(ToView)], stats.TotalEntries + stats.ExpiredEntries, offset, limit));
    }

    private static async Task<Ok<CachePurged>> PurgeExpiredAsync(PredictionCache cache, CancellationToken cancellationToken)
    {
        var purged = await cache.PurgeExpiredAsync(cancellationToken);
        return TypedResults.Ok(new CachePurged($"{purged} expired cache entries purged", purged));
    }

    /// <summary>An entry with the start of its answer; the key is a hash, so the answer is what tells entries apart.</summary>
    private static CacheEntryView ToView(PredictionCacheEntry entry)
    {
        var answer = JsonSerializer.Deserialize<CachedAnswer>(entry.Value);
        var text = answer?.Text ?? string.Empty;
        return new CacheEntryView(entry.Key, entry.CreatedAt.UtcDateTime, entry.ExpiresAt.UtcDateTime, entry.Expired, entry.SizeBytes,
            answer?.ModelVersion, text.Length <= PreviewLength ? text : text[..PreviewLength] + "…");
    }

    private static async Task<Ok<CacheStats>> GetStatsAsync(PredictionCache cache, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await cache.GetStatsAsync(cancellationToken)));

    private static async Task<Ok<CacheCleared>> ClearAsync(PredictionCache cache, CancellationToken cancellationToken)
    {
        var cleared = await cache.ClearAsync(cancellationToken);
        return TypedResults.Ok(new CacheCleared($"{cleared} cache entries cleared", cleared));
    }

    private static CacheStats ToResponse(PredictionCacheStats stats) => new(stats.TotalEntries, stats.CacheHits, stats.CacheMisses,
        Math.Round(stats.HitRate, 3), FormatSize(stats.SizeBytes), stats.OldestEntry?.UtcDateTime, stats.NewestEntry?.UtcDateTime,
        stats.ExpiredEntries);

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
