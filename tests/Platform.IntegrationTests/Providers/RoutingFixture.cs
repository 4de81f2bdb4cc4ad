using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts.Http.Models;
using Platform.IntegrationTests.Infrastructure;
using Platform.Providers.Models;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.IntegrationTests.Providers;

/// <summary>
/// The provider services with a catalog the test fills directly (as the registry would), and fake
/// upstreams that are stopped with it.
/// </summary>
public abstract class RoutingFixture
{
    protected const string Key = "sk-routing-secret";

    private readonly List<IAsyncDisposable> _fakes = [];
    private ServiceProvider? _services;

    protected ModelCatalog Catalog => Services.GetRequiredService<ModelCatalog>();

    protected ModelRouter Router => Services.GetRequiredService<ModelRouter>();

    protected ServiceProvider Services => _services ??= ProviderServices.Build();

    [TearDown]
    public async Task StopAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
            _services = null;
        }

        foreach (var fake in _fakes)
        {
            await fake.DisposeAsync();
        }

        _fakes.Clear();
    }

    /// <summary>Builds the services with routing settings of the test's own (before first use).</summary>
    protected void Configure(params (string Key, string Value)[] routing) =>
        _services = ProviderServices.Build(settings: routing.ToDictionary(setting => $"Providers:Routing:{setting.Key}", setting => (string?)setting.Value));

    /// <summary>Builds the services with settings and registrations of the test's own (before first use).</summary>
    protected void Configure(IReadOnlyDictionary<string, string?> settings, Action<IHostApplicationBuilder> add) =>
        _services = ProviderServices.Build(settings: settings, add: add);

    protected async Task<T> Start<T>(Func<Task<T>> start) where T : IAsyncDisposable
    {
        var fake = await start();
        _fakes.Add(fake);
        return fake;
    }

    protected Task<FakeOpenAiUpstream> StartOpenAi() => Start(() => FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation));

    /// <summary>Registers a deployment of <paramref name="modelName"/> served by the fake at <paramref name="baseUrl"/>.</summary>
    protected ModelDeployment Deploy(string id, string modelName, Uri baseUrl, string type = "openai",
        Func<ModelDeployment, ModelDeployment>? with = null)
    {
        var target = ModelConfigValidator.Resolve(new AiModelConfig
        {
            ModelType = type,
            ModelName = $"upstream-{id}",
            ApiKey = Key,
            BaseUrl = baseUrl.ToString(),
            PromptTemplate = "Sentiment as JSON: {content}",
        });
        var deployment = new ModelDeployment(id, modelName, target);
        deployment = with?.Invoke(deployment) ?? deployment;
        Catalog.Upsert(deployment);
        return deployment;
    }

    /// <summary>Model `primary` (deployment `primary-1`) falling back to model `backup` (deployment `backup-1`), each on a fake of its own.</summary>
    /// <param name="primary">Changes to the primary deployment, applied after its fallback is set.</param>
    protected async Task<FallbackPair> DeployWithFallbackAsync(Func<ModelDeployment, ModelDeployment>? primary = null)
    {
        var primaryFake = await StartOpenAi();
        var backupFake = await StartOpenAi();
        var primaryDeployment = Deploy("primary-1", "primary", primaryFake.BaseUrl, with: deployment =>
        {
            var withFallback = deployment with { FallbackModels = ["backup"] };
            return primary?.Invoke(withFallback) ?? withFallback;
        });
        return new FallbackPair(primaryFake, backupFake, primaryDeployment, Deploy("backup-1", "backup", backupFake.BaseUrl));
    }

    protected sealed record FallbackPair(FakeOpenAiUpstream Primary, FakeOpenAiUpstream Backup, ModelDeployment PrimaryDeployment,
        ModelDeployment BackupDeployment);

    protected static CallPolicy Policy(int retries = 0, double timeoutSeconds = 5) => new(retries, TimeSpan.FromSeconds(timeoutSeconds));

    protected static RouteRequest Request(string model, string prompt = "hello", CallMode mode = CallMode.Batch, CallPolicy? policy = null) =>
        new(RouteTarget.Named(model), [new ChatMessage(ChatRole.User, prompt)], Options: null, policy ?? Policy(), mode);

    protected Task<RoutedResponse> CompleteAsync(string model, string prompt = "hello", CallMode mode = CallMode.Batch, CallPolicy? policy = null) =>
        Router.CompleteAsync(Request(model, prompt, mode, policy), CancellationToken.None);
}
