using Platform.AppHost.Local;

namespace Platform.AppHost.Resources;

/// <summary>
/// Owns the servers the AppHost started. The container disposes it after the host has stopped, that
/// is after DCP has stopped the services using them, so the servers stop last, in reverse order.
/// </summary>
public sealed class LocalServerSupervisor : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<ILocalServer> servers = [];

    public void Own(ILocalServer server)
    {
        lock (gate)
        {
            servers.Add(server);
        }
    }

    public async ValueTask DisposeAsync()
    {
        ILocalServer[] stopping;
        lock (gate)
        {
            stopping = [.. Enumerable.Reverse(servers)];
            servers.Clear();
        }
        foreach (var server in stopping)
        {
            await server.DisposeAsync();
        }
    }
}
