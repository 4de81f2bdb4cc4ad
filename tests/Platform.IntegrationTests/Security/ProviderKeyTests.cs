using Npgsql;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Security;

/// <summary>A provider key given in a request reaches the provider and nowhere else.</summary>
public sealed class ProviderKeyTests
{
    private const string Canary = "sk-canary-7f3a9c1e-do-not-leak";

    [Test]
    public async Task A_provider_key_is_used_upstream_but_never_logged_returned_or_stored_in_clear()
    {
        var stack = PlatformFixture.Stack;
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Respond = call => call.Attempt == 1 ? UpstreamReply.Error(401, "invalid api key") : UpstreamReply.Text("{}");
        var taskIds = await stack.Gateway.ImportNumberedTasksAsync("secret", 2);

        var jobId = await stack.Gateway.SubmitAsync(new { task_ids = taskIds, ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "m", Canary) } });
        await stack.Gateway.WaitForEndAsync(jobId, TimeSpan.FromMinutes(1));

        Assert.That(upstream.Calls.Select(call => call.Authorization), Is.All.EqualTo($"Bearer {Canary}"));
        Assert.That(await stack.Gateway.GetStringAsync($"/api/v1/ai/batch/{jobId}"), Does.Not.Contain(Canary));
        Assert.That(stack.Output.Where(line => line.Contains(Canary, StringComparison.Ordinal)), Is.Empty, "no service printed the key");

        await using var connection = new NpgsqlConnection(stack.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT model_configs::text FROM jobs.jobs WHERE id = '{jobId}'", connection);
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.That(stored, Does.Not.Contain(Canary));
        Assert.That(stored, Does.Contain("\"EncryptedApiKey\": \"v1:"));
    }
}
