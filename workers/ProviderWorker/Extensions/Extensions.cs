using MassTransit;
using Platform.ProviderWorker.Items;
using Platform.Providers;
using Platform.Llm.Data;
using Platform.Providers.Quotas.SharedCounts;
using Platform.Providers.Registry;
using Platform.Workers;

namespace Platform.ProviderWorker.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformProviders();
        builder.AddLlmDatabase();
        builder.AddSharedQuotas();
        builder.AddModelRegistry();
        builder.AddUsageAccounting();
        builder.AddPredictionCache();
        builder.Services.AddSingleton<ChatRequestItems>();
        builder.Services.AddSingleton<EmbeddingsRequestItems>();
        builder.AddWorkerOptions(defaultConcurrentItems: 128);

        builder.AddPlatformMessaging(bus =>
        {
            bus.AddConsumer<RunJobItemConsumer, RunJobItemConsumerDefinition>();
            bus.AddJobItemExecution();
        });
        return builder;
    }
}
