using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Providers.Models;

namespace Platform.Providers.Caching;

/// <summary>
/// Model answers in the <see cref="PredictionCache"/>, in the one format that interactive predictions
/// and batch items share, so a batch re-run is answered by earlier calls of either kind. The cache
/// only ever saves money: when PostgreSQL cannot serve it, a lookup is a miss and a store is skipped.
/// </summary>
public sealed partial class AnswerCache(PredictionCache cache, IOptions<PredictionCacheOptions> options, ILogger<AnswerCache> logger)
{
    /// <summary>The key of <paramref name="owner"/>'s entry for this call, or of the shared one when so configured.</summary>
    /// <param name="chatOptions">Sampling the call sets on top of the model's defaults.</param>
    public string KeyFor(ResolvedModel model, string renderedPrompt, string? systemPrompt, string? owner, ChatOptions? chatOptions = null) =>
        PredictionCacheKey.Build(model, renderedPrompt, systemPrompt, chatOptions, owner: options.Value.SharedAcrossOwners ? null : owner);

    public async Task<CachedAnswer?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await cache.TryGetAsync(key, cancellationToken) is { } value ? JsonSerializer.Deserialize<CachedAnswer>(value) : null;
        }
        catch (DbException e)
        {
            LogCacheUnavailable(logger, "read", e.Message);
            return null;
        }
    }

    /// <param name="ttl">How long the answer stays; null: the platform's TTL.</param>
    public async Task StoreAsync(string key, CachedAnswer answer, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        try
        {
            var value = JsonSerializer.Serialize(answer);
            await (ttl is { } given ? cache.SetAsync(key, value, given, cancellationToken) : cache.SetAsync(key, value, cancellationToken));
        }
        catch (DbException e)
        {
            LogCacheUnavailable(logger, "store", e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prediction cache could not {Operation}: {Reason}; calling the model directly")]
    private static partial void LogCacheUnavailable(ILogger logger, string operation, string reason);
}
