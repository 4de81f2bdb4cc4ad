using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Llm.Data;

namespace Platform.Providers.Accounting;

/// <summary>
/// An open connection to the `llm` schema for singletons that need what EF does not offer (COPY,
/// data-modifying CTEs, ordered-set aggregates): a scope with its context, disposed together.
/// </summary>
internal sealed class LlmConnectionLease : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;

    private LlmConnectionLease(AsyncServiceScope scope, LlmDbContext db)
    {
        _scope = scope;
        Db = db;
    }

    public LlmDbContext Db { get; }

    public NpgsqlConnection Connection => (NpgsqlConnection)Db.Database.GetDbConnection();

    public static async Task<LlmConnectionLease> OpenAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        var lease = new LlmConnectionLease(scope, scope.ServiceProvider.GetRequiredService<LlmDbContext>());
        try
        {
            await lease.Db.Database.OpenConnectionAsync(cancellationToken);
            return lease;
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    public NpgsqlCommand Command(string sql) => new(sql, Connection);

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
