namespace Platform.AppHost.Extensions;

/// <summary>What every platform service is given: its servers and the key that encrypts stored provider keys.</summary>
public sealed record PlatformServers(
    IResourceBuilder<IResourceWithConnectionString> Postgres,
    IResourceBuilder<IResourceWithConnectionString> RabbitMq,
    IResourceBuilder<ParameterResource> EncryptionKey);
