using Hangfire;
using Hangfire.PostgreSql;
using Platform.Jobs.Maintenance;
using Platform.Llm.Data;
using Platform.Providers;
using Platform.Providers.Accounting;

namespace Platform.Jobs.Extensions;

public static class MaintenanceExtensions
{
    public const string DashboardPath = "/hangfire";

    /// <summary>
    /// How old a Hangfire lock must be before it counts as abandoned. Hangfire.PostgreSql keeps locks as rows, so a
    /// replica killed while holding one (the lease sweep takes one every few seconds) would block that job for the
    /// default ten minutes; no maintenance job holds its lock this long.
    /// </summary>
    public static readonly TimeSpan StaleLockTimeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Recurring maintenance as Hangfire jobs stored in PostgreSQL (schema `hangfire`): the lease sweep, the prediction
    /// cache's purge and the retention of usage records and finished jobs, with their history in Hangfire's dashboard.
    /// </summary>
    public static IHostApplicationBuilder AddMaintenance(this IHostApplicationBuilder builder, string connectionString)
    {
        builder.Services.AddOptions<MaintenanceOptions>().BindConfiguration(MaintenanceOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.AddPredictionCache();
        builder.Services.AddSingleton<UsageStore>();
        builder.Services.AddScoped<LeaseSweep>();
        builder.Services.AddScoped<UsageRetention>();
        builder.Services.AddScoped<FinishedJobRetention>();

        builder.Services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(DatabaseConventions.WithConnectionReset(connectionString)),
                // Long polling (LISTEN/NOTIFY) starts an enqueued job at once instead of at the next poll.
                new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire", EnableLongPolling = true, PrepareSchemaIfNecessary = true, DistributedLockTimeout = StaleLockTimeout,
                }));
        builder.Services.AddHangfireServer(server =>
        {
            // A few short jobs: two workers, and a scheduler that looks every second so a seconds-field cron keeps its beat.
            server.WorkerCount = 2;
            server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        builder.Services.AddHostedService<MaintenanceSchedule>();
        return builder;
    }

    public static WebApplication MapMaintenanceDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorization()],
            DashboardTitle = "Platform maintenance",
            AppPath = null,
            // Reached through the Gateway, which authenticates the admin and forwards no cookies for an antiforgery token.
            IgnoreAntiforgeryToken = true,
        });
        return app;
    }
}
