using Npgsql;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Batches;

public sealed class MigrationTests
{
    [Test]
    public async Task Jobs_replicas_starting_together_on_an_empty_database_migrate_it_once()
    {
        var stack = PlatformFixture.Stack;
        var database = await stack.Postgres.CreateDatabaseAsync($"migrate_{Guid.NewGuid():N}");
        var urls = Enumerable.Range(0, 3).Select(_ => new Uri($"http://127.0.0.1:{FreePort.Next()}/")).ToList();
        var replicas = urls.Select(url => stack.StartExtra(ServiceKind.Jobs, url.ToString(),
            new Dictionary<string, string> { ["ConnectionStrings__postgres"] = database })).ToList();
        try
        {
            await Task.WhenAll(replicas.Select((replica, i) => replica.WaitReadyAsync(new Uri(urls[i], "health/ready"), TimeSpan.FromSeconds(90))));

            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*), count(DISTINCT \"MigrationId\") FROM jobs.__migrations", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.That(reader.GetInt64(0), Is.EqualTo(reader.GetInt64(1)), "each migration was applied once");
            Assert.That(reader.GetInt64(0), Is.GreaterThanOrEqualTo(2L), "every migration was applied");
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }
}
