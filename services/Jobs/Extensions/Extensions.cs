using Microsoft.EntityFrameworkCore;
using MassTransit;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.Jobs.Batches;
using Platform.Jobs.Data;
using Platform.Jobs.Dispatch;
using Platform.Jobs.Errors;
using Platform.Jobs.Tasks;
using Platform.Providers;
using Platform.Providers.Data;
using Platform.Providers.Registry;

namespace Platform.Jobs.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformProviders();
        builder.AddLlmDatabase().AddModelRegistry();
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName);

        var connectionString = builder.Configuration.GetConnectionString("postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:postgres is not configured.");
        builder.Services.AddDbContext<JobsDbContext>(options => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__migrations", JobsDbContext.Schema))
            // Migrations are hand-written SQL without a model snapshot, so EF cannot compare the two.
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning)));
        builder.Services.AddHealthChecks().AddDbContextCheck<JobsDbContext>("postgres");

        builder.AddPlatformMessaging(bus => bus.AddConsumer<JobItemCompletedConsumer, JobItemCompletedConsumerDefinition>());

        builder.Services.AddScoped<JobDispatcher>();
        builder.Services.AddScoped<BatchSubmission>();
        builder.Services.AddScoped<BatchQueries>();
        builder.Services.AddScoped<TaskStore>();
        builder.Services.AddHostedService<LeaseSweeper>();

        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }
}
