namespace Platform.AppHost.Extensions;

/// <summary>
/// What every platform service is given: its servers, the key that encrypts stored provider keys, the token internal
/// calls carry, and whether provider base URLs may be on loopback (only while the Gateway listens on loopback alone).
/// </summary>
public sealed record PlatformServers(
    IResourceBuilder<IResourceWithConnectionString> Postgres,
    IResourceBuilder<IResourceWithConnectionString> RabbitMq,
    IResourceBuilder<ParameterResource> EncryptionKey,
    IResourceBuilder<ParameterResource> InternalToken,
    bool AllowLoopback);
