using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Jobs.Batches;
using Platform.Jobs.Data;
using Platform.Jobs.Dispatch;
using Platform.Jobs.Errors;
using Platform.Jobs.OpenAiBatches;
using Platform.Jobs.Tasks;
using Platform.Jobs.Telemetry;
using Platform.Llm.Data;
using Platform.Providers.Registry;
using Platform.ServiceDefaults.Validation;
using Platform.Contracts.Http.Batches;
using Platform.Contracts.Http.Tasks;

namespace Platform.Jobs.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Validates model configs against the registry; the workers, not Jobs, call the providers.
        builder.AddLlmDatabase().AddModelRegistry();
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<OpenAiBatchOptions>().BindConfiguration(OpenAiBatchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        var connectionString = builder.Configuration.PostgresConnectionString();
        // Pooled: a context set up afresh for every scope (each batch of results, each send, each API call) cost a tenth of
        // Jobs' CPU in EF's internal service resolution.
        builder.Services.AddDbContextPool<JobsDbContext>(options => options
            .UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsHistoryTable("__migrations", JobsDbContext.Schema)
                // A database restart or failover is ridden out: every transaction runs inside the execution strategy.
                .EnableRetryOnFailure(maxRetryCount: 10, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null)));
        builder.Services.AddHealthChecks().AddDbContextCheck<JobsDbContext>("postgres");
        builder.AddMaintenance(connectionString);

        builder.AddPlatformMessaging(bus => bus.AddConsumer<JobResultsConsumer, JobResultsConsumerDefinition>());

        builder.Services.AddSingleton<JobsMetrics>();
        builder.Services.AddSingleton<BrokerQueues>();
        builder.Services.AddScoped<JobDispatcher>();
        builder.Services.AddScoped<JobResults>();
        builder.Services.AddSingleton<JobDefinitions>();
        builder.Services.AddScoped<BatchSubmission>();
        builder.Services.AddScoped<BatchQueries>();
        builder.Services.AddScoped<TaskStore>();
        builder.Services.AddSingleton<ResultBuffer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ResultBuffer>());
        builder.Services.AddHostedService<QueueMonitor>();
        builder.Services.AddScoped<FileStore>();
        builder.Services.AddScoped<BatchOutput>();
        builder.Services.AddScoped<OpenAiBatchProgress>();
        builder.Services.AddHostedService<OpenAiBatchRunner>();

        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddSingleton<IValidationRejecter, JobsValidationRejecter>();
        builder.Services.AddSingleton<IRequestValidator<BatchPredictRequest>, BatchPredictRequestValidator>();
        builder.Services.AddSingleton<IRequestValidator<List<TaskImport>>, TaskImportValidator>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // What Jobs serves, to set against the Gateway's document of Platform.Contracts' JobsOperations.
        builder.Services.AddOpenApi();
        return builder;
    }
}
