namespace Platform.IntegrationTests;

/// <summary>One stack for the whole run: servers and services start once and stop at the end.</summary>
[SetUpFixture]
public sealed class PlatformFixture
{
    public static Infrastructure.RunningPlatform Stack { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => Stack = await Infrastructure.RunningPlatform.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }
    }
}
