using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Gateway.Auth;

namespace Platform.UnitTests.Gateway;

/// <summary>
/// Random `pk_`-shaped keys each leave an entry (the key's absence) in the key cache; the cache the Gateway's key store
/// is given holds at most `Auth:MaxCachedKeys` of them, so a flood of made-up keys cannot grow it without limit.
/// </summary>
public sealed class ApiKeyCacheTests
{
    [Test]
    public void The_key_cache_holds_no_more_entries_than_Auth_MaxCachedKeys()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Auth:MaxCachedKeys"] = "100";
        builder.AddApiKeys();
        using var services = builder.Services.BuildServiceProvider();
        var cache = (MemoryCache)services.GetRequiredService<IMemoryCache>();

        // As ApiKeyStore remembers an unknown key: its absence, with size 1.
        for (var i = 0; i < 1_000; i++)
        {
            cache.Set($"api-keys:key:pk_random{i}", (object?)null, new MemoryCacheEntryOptions { Size = 1 });
        }

        Assert.That(cache.Count, Is.LessThanOrEqualTo(100));
    }
}
