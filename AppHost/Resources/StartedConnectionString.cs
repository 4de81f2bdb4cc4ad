using Platform.AppHost.Local;

namespace Platform.AppHost.Resources;

/// <summary>A local server's connection string, which exists once the server runs (its port is chosen at start).</summary>
public sealed class StartedConnectionString(string resourceName) : IValueProvider, IManifestExpressionProvider
{
    private readonly TaskCompletionSource<ILocalServer> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ValueExpression => $"{{{resourceName}.connectionString}}";

    /// <summary>The running server, or null before it has started.</summary>
    public ILocalServer? Server => _started.Task.IsCompletedSuccessfully ? _started.Task.Result : null;

    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        (await _started.Task.WaitAsync(cancellationToken)).ConnectionString;

    internal void Started(ILocalServer server) => _started.TrySetResult(server);
}
