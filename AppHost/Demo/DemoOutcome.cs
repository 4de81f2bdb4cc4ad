namespace Platform.AppHost.Demo;

internal enum DemoOutcome
{
    Completed,
    NotCompleted,
}
