using System.Net;
using Npgsql;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Batches;

/// <summary>Recurring maintenance as Hangfire jobs: declared, visible to admins in Hangfire's dashboard, and doing their work.</summary>
[NonParallelizable]
public sealed class MaintenanceTests
{
    private static RunningPlatform Stack => PlatformFixture.Stack;

    [Test]
    public async Task The_dashboard_lists_every_recurring_maintenance_job_and_refuses_non_admin_callers()
    {
        using var page = await Stack.Gateway.GetAsync("/hangfire/recurring");
        var html = await page.Content.ReadAsStringAsync();
        using var jobs = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Stack.UrlOf(Stack.Jobs) };
        using var asUser = new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring");
        asUser.Headers.TryAddWithoutValidation("X-Platform-Caller", "some-user-key");
        asUser.Headers.TryAddWithoutValidation("X-Platform-Caller-Role", "user");
        using var refused = await jobs.SendAsync(asUser);

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain("lease-sweep").And.Contain("prediction-cache-purge")
            .And.Contain("usage-retention").And.Contain("finished-job-retention"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a user's identity does not open the dashboard");
    }

    [Test]
    public async Task Retention_deletes_jobs_and_usage_records_older_than_their_period_and_keeps_recent_ones()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        var taskIds = await Stack.Gateway.ImportNumberedTasksAsync("retention", 2);
        var request = new { task_ids = taskIds, ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "retention-model") } };
        var old = await Stack.Gateway.SubmitAsync(request);
        var recent = await Stack.Gateway.SubmitAsync(request);
        await Stack.Gateway.WaitForEndAsync(old, TimeSpan.FromSeconds(60));
        await Stack.Gateway.WaitForEndAsync(recent, TimeSpan.FromSeconds(60));
        var model = $"retention-{Guid.NewGuid():N}";
        await ExecuteAsync($"UPDATE jobs.jobs SET completed_at = now() - interval '40 days' WHERE id = '{old}'");
        await ExecuteAsync($"""
            INSERT INTO llm.usage_records (created_at, model_name, source, prompt_tokens, completion_tokens, tokens_estimated, cost, latency_ms, success)
            VALUES (now() - interval '100 days', '{model}', 'test', 1, 1, false, 0, 1, true),
                   (now() - interval '1 day', '{model}', 'test', 1, 1, false, 0, 1, true)
            """);

        await TriggerAsync("finished-job-retention");
        await TriggerAsync("usage-retention");

        await GatewayApi.EventuallyAsync(() => Count($"SELECT count(*) FROM jobs.jobs WHERE id = '{old}'") == 0,
            TimeSpan.FromSeconds(30), "the job that ended 40 days ago is deleted");
        await GatewayApi.EventuallyAsync(() => Count($"SELECT count(*) FROM llm.usage_records WHERE model_name = '{model}'") == 1,
            TimeSpan.FromSeconds(30), "the 100-day-old usage record is deleted");
        Assert.That(Count($"SELECT count(*) FROM jobs.job_items WHERE job_id = '{old}'"), Is.Zero, "its items went with it");
        Assert.That(Count($"SELECT count(*) FROM jobs.jobs WHERE id = '{recent}'"), Is.EqualTo(1), "a recent job is kept");
        using var gone = await Stack.Gateway.GetAsync($"/api/v1/ai/batch/{old}");
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_Jobs_replica_killed_while_holding_a_Hangfire_lock_starts_again_and_the_sweep_resumes()
    {
        // What a replica killed mid-declaration or mid-schedule leaves behind: Hangfire.PostgreSql's locks are rows.
        await ExecuteAsync("""
            INSERT INTO hangfire.lock (resource, updatecount, acquired)
            VALUES ('hangfire:lock:recurring-job:lease-sweep', 0, now() AT TIME ZONE 'utc')
            ON CONFLICT DO NOTHING
            """);

        var restarted = await Stack.RestartAsync(Stack.Jobs, kill: true);
        await Task.Delay(TimeSpan.FromSeconds(20));

        Assert.That(restarted.HasExited, Is.False, "the Jobs service is still running after Hangfire's 15 s lock wait");
        using var list = await Stack.Gateway.GetAsync("/api/v1/ai/batch?limit=1");
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the batch API answers");
        await GatewayApi.EventuallyAsync(
            () => Count("SELECT count(*) FROM hangfire.lock WHERE resource = 'hangfire:lock:recurring-job:lease-sweep' AND acquired < (now() AT TIME ZONE 'utc') - interval '50 seconds'") == 0
                && Count("SELECT count(*) FROM hangfire.job WHERE statename = 'Succeeded' AND invocationdata::text LIKE '%LeaseSweep%' AND createdat > (now() AT TIME ZONE 'utc') - interval '20 seconds'") > 0,
            TimeSpan.FromSeconds(150), "the abandoned locks expired and the lease sweep ran again");
    }

    /// <summary>The dashboard's own "Trigger now" button, through the Gateway.</summary>
    private static async Task TriggerAsync(string recurringJob)
    {
        using var form = new FormUrlEncodedContent([KeyValuePair.Create("jobs[]", recurringJob)]);
        using var triggered = await Stack.Gateway.PostAsync("/hangfire/recurring/trigger", form);
        Assert.That(triggered.StatusCode, Is.EqualTo(HttpStatusCode.NoContent).Or.EqualTo(HttpStatusCode.OK), await triggered.Content.ReadAsStringAsync());
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Stack.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static long Count(string sql)
    {
        using var connection = new NpgsqlConnection(Stack.DatabaseConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (long)command.ExecuteScalar()!;
    }
}
