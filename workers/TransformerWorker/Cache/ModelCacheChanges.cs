using Platform.Contracts;
using Platform.TransformerWorker.Models;

namespace Platform.TransformerWorker.Cache;

/// <summary>The changes seed 001's cache management makes, applied the same way on the replica that was called and on the others.</summary>
public static class ModelCacheChanges
{
    public const string Remove = "remove";
    public const string Clear = "clear";
    public const string Configure = "configure";
    public const string Preload = "preload";

    /// <summary>Applies <paramref name="change"/>; true when it removed, cleared or loaded something, or changed a limit.</summary>
    public static async Task<bool> ApplyAsync(this ModelCache cache, ModelCacheChanged change, LocalModelCatalog catalog,
        CancellationToken cancellationToken)
    {
        switch (change.Action)
        {
            case Remove:
                return cache.Remove(change.Key!);
            case Clear:
                var held = cache.GetStats().CachedModels;
                cache.Clear();
                return held > 0;
            case Configure:
                if (change.MaxCacheSize is { } size)
                {
                    cache.Resize(size);
                }

                if (change.MaxMemoryGb is { } memory)
                {
                    cache.SetMemoryLimit(memory);
                }

                return true;
            case Preload when change.ModelName is { } name && catalog.Find(name) is { } model:
                await cache.PreloadAsync(model, cancellationToken);
                return true;
            default:
                return false;
        }
    }
}
