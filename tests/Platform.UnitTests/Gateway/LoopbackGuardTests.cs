using Microsoft.Extensions.Configuration;
using Platform.Gateway.Auth;

namespace Platform.UnitTests.Gateway;

public sealed class LoopbackGuardTests
{
    private static IConfiguration Urls(string? urls) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls }).Build();

    [TestCase(null)]
    [TestCase("http://localhost:8000")]
    [TestCase("http://127.0.0.1:8000;http://[::1]:8000")]
    public void Lets_an_unauthenticated_gateway_listen_on_loopback(string? urls)
    {
        Assert.That(() => LoopbackGuard.EnsureSafeBinding(Urls(urls), new ApiKeyOptions()), Throws.Nothing);
    }

    [TestCase("http://0.0.0.0:8000")]
    [TestCase("http://*:8000")]
    [TestCase("http://+:8000")]
    [TestCase("http://localhost:8000;http://192.168.1.20:8000")]
    public void Refuses_to_expose_an_unauthenticated_gateway(string urls)
    {
        Assert.That(() => LoopbackGuard.EnsureSafeBinding(Urls(urls), new ApiKeyOptions()),
            Throws.InvalidOperationException.With.Message.Contains("Auth:ApiKeys"));
    }

    [Test]
    public void Lets_any_address_be_bound_once_keys_are_configured()
    {
        var keys = new ApiKeyOptions();
        keys.ApiKeys.Add("k");

        Assert.That(() => LoopbackGuard.EnsureSafeBinding(Urls("http://0.0.0.0:8000"), keys), Throws.Nothing);
    }
}
