using Platform.Gateway.Auth;
using Platform.Gateway.Forwarding;
using Platform.Gateway.Inference;

namespace Platform.Gateway.Extensions;

public static class InferenceExtensions
{
    /// <summary>
    /// Seed 001's Inference API: its runner, clients of the TransformerWorkers' model cache and of the Jobs
    /// service, and the extra address its clients call (Inference:Url, http://localhost:8009 unless set; empty
    /// turns it off). Call before <see cref="ApiKeysExtensions.AddApiKeys"/>, which checks every bound address.
    /// </summary>
    public static IHostApplicationBuilder AddInferenceServices(this IHostApplicationBuilder builder)
    {
        var url = builder.Configuration[$"{InferenceOptions.SectionName}:Url"] ?? InferenceOptions.DefaultUrl;
        builder.Configuration["urls"] = string.Join(';', new[] { builder.Configuration["urls"] ?? LoopbackGuard.DefaultUrl, url }.Where(u => u.Length > 0));

        builder.Services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.SectionName)
            .Validate(options => options.BatchParallelism >= 1, "Inference:BatchParallelism must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<InferenceEngines>();
        builder.Services.AddSingleton<InferenceRunner>();
        builder.Services.AddSingleton<InferenceMetrics>();
        builder.Services.AddSingleton<EmbeddingsClient>();
        builder.Services.AddInternalClient<ModelCacheClient>(services => services.Transformer, TimeSpan.FromMinutes(10)); // a preload builds a whole model
        builder.Services.AddInternalClient<AsyncInferenceClient>(services => services.Jobs);
        return builder;
    }
}
