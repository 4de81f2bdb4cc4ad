namespace Platform.AppHost.Local;

/// <summary>A server run from the machine's binaries; disposing it stops it gracefully.</summary>
public interface ILocalServer : IAsyncDisposable
{
    /// <summary>What a client connects with (credentials included).</summary>
    string ConnectionString { get; }
}
