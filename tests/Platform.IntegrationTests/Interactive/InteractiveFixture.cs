namespace Platform.IntegrationTests.Interactive;

/// <summary>One interactive Gateway for every test in this namespace.</summary>
[SetUpFixture]
public sealed class InteractiveFixture
{
    public static InteractiveGateway Stack { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => Stack = await InteractiveGateway.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }
    }
}
