namespace Platform.Providers.Routing;

public enum DeploymentHealth
{
    Healthy,
    Degraded,
    Unhealthy,
}
