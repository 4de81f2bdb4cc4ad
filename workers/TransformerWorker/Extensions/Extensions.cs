using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Llm.Data;
using Platform.Providers;
using Platform.Workers;
using Platform.Transformer.Kernels;
using Platform.TransformerWorker.Cache;
using Platform.TransformerWorker.Completions;
using Platform.TransformerWorker.Errors;
using Platform.TransformerWorker.Items;
using Platform.TransformerWorker.Limits;
using Platform.TransformerWorker.Models;
using Platform.TransformerWorker.TransformerApi;
using Platform.ServiceDefaults.Validation;

namespace Platform.TransformerWorker.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Runs local models only: it accounts for them, but routes nothing and reads no registry.
        builder.AddLlmDatabase();
        builder.AddUsageAccounting();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<TransformerOptions>().BindConfiguration(TransformerOptions.SectionName)
            .Validate(options => options.MaxCacheSize >= 1, "Transformer:MaxCacheSize must be at least 1.")
            .Validate(options => options.MaxMemoryGb > 0, "Transformer:MaxMemoryGb must be positive.")
            .Validate(options => options.CacheReportInterval > TimeSpan.Zero, "Transformer:CacheReportInterval must be positive.")
            .Validate(options => options.ParallelThreads is not { } threads || (threads >= 0 && threads <= WorkerGang.MaxThreads),
                $"Transformer:ParallelThreads must be between 0 and {WorkerGang.MaxThreads} (one per core besides the caller's).")
            .ValidateOnStart();
        builder.AddWorkerOptions(defaultConcurrentItems: 2);

        builder.AddInferenceLimits();

        // Disposed with the container, which ends its threads.
        builder.Services.AddSingleton(services =>
            new WorkerGang(services.GetRequiredService<IOptions<TransformerOptions>>().Value.ParallelThreads ?? WorkerGang.MaxThreads));
        builder.Services.AddSingleton<ModelTokenizers>();
        builder.Services.AddSingleton<ModelCache>();
        builder.Services.AddSingleton<LocalModelCatalog>();
        builder.Services.AddSingleton<TransformerSession>();
        builder.Services.AddSingleton<LocalGeneration>();
        builder.Services.AddSingleton<LocalEmbeddings>();
        builder.Services.AddSingleton<ModelCacheReplicas>();
        builder.Services.AddHostedService<ModelCacheReporter>();
        builder.Services.AddMemoryCache();

        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddSingleton<IValidationRejecter, TransformerValidationRejecter>();
        builder.Services.AddSingleton<IRequestValidator<ForwardRequest>, ForwardRequestValidator>();
        builder.Services.AddSingleton<IRequestValidator<ChatCompletionRequest>, ChatCompletionRequestValidator>();
        builder.Services.AddSingleton<IRequestValidator<CompletionRequest>, CompletionRequestValidator>();
        builder.Services.AddSingleton<IRequestValidator<EmbeddingRequest>, EmbeddingRequestValidator>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // What the worker serves, to set against the Gateway's document of Platform.Contracts' TransformerOperations.
        builder.Services.AddOpenApi();

        builder.AddPlatformMessaging(bus =>
        {
            bus.AddConsumer<LocalJobItemConsumer, LocalJobItemConsumerDefinition>();
            bus.AddJobItemExecution();
            bus.AddTransformerModelInitializedConsumer();
            bus.AddModelCacheConsumers();
        });
        return builder;
    }
}
