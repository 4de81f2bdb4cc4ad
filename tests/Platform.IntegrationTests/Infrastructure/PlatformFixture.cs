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
            // Every line the services printed, for whoever reads a failed run.
            var log = Path.Combine(TestContext.CurrentContext.WorkDirectory, "platform-services.log");
            await File.WriteAllLinesAsync(log, Stack.Output);
            TestContext.Progress.WriteLine($"service logs: {log}");
            await Stack.DisposeAsync();
        }
    }
}
