using Platform.AppHost.Local;

namespace Platform.AppHost.Resources;

/// <summary>
/// PostgreSQL or RabbitMQ run by the AppHost from the machine's binaries (containers cannot run here).
/// References resolve its connection string only once it runs, since dependents <c>WaitFor</c> it.
/// </summary>
public sealed class LocalServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    private readonly StartedConnectionString _connectionString = new(name);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{_connectionString}");

    /// <summary>The running server; read by its health check, which runs only once the resource is Running.</summary>
    public ILocalServer Server => _connectionString.Server ?? throw new InvalidOperationException($"{Name} has not started.");

    internal void Started(ILocalServer server) => _connectionString.Started(server);
}
