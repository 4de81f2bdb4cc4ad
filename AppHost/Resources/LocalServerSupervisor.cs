using Platform.AppHost.Local;

namespace Platform.AppHost.Resources;

/// <summary>
/// Owns the _servers the AppHost started. The container disposes it after the host has stopped, that
/// is after DCP has stopped the services using them, so the _servers stop last, in reverse order.
/// </summary>
public sealed class LocalServerSupervisor : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<ILocalServer> _servers = [];

    public void Own(ILocalServer server)
    {
        lock (_gate)
        {
            _servers.Add(server);
        }
    }

    public async ValueTask DisposeAsync()
    {
        ILocalServer[] stopping;
        lock (_gate)
        {
            stopping = [.. Enumerable.Reverse(_servers)];
            _servers.Clear();
        }
        foreach (var server in stopping)
        {
            await server.DisposeAsync();
        }
    }
}
