namespace Platform.IntegrationTests.Inference;

/// <summary>One fake provider for every test of the Inference API; each test uses model names of its own.</summary>
[SetUpFixture]
public sealed class InferenceFixture
{
    public static FakeOpenAiUpstream Upstream { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => Upstream = await InferenceUpstream.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Upstream is not null)
        {
            await Upstream.DisposeAsync();
        }
    }
}
