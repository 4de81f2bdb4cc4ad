using Platform.Gateway.Errors;
using Platform.Gateway.Inference;
using Platform.Gateway.Llm;
using Platform.Gateway.Models;
using Platform.Gateway.OpenAi;
using Platform.Gateway.Predict;
using Platform.Providers.Embeddings;
using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.Extensions;

public static class ValidationExtensions
{
    /// <summary>The rules of each request body that a route <c>.Validates&lt;T&gt;()</c>, and the catalogue's answer to a broken one.</summary>
    public static IServiceCollection AddRequestValidators(this IServiceCollection services)
    {
        services.AddSingleton<IValidationRejecter, GatewayValidationRejecter>();
        services.AddSingleton<IRequestValidator<PredictRequest>, PredictRequestValidator>();
        services.AddSingleton<IRequestValidator<GenerateRequest>, GenerateRequestValidator>();
        services.AddSingleton<IRequestValidator<ChatCompletionRequest>, ChatCompletionRequestValidator>();
        services.AddSingleton<IRequestValidator<EmbeddingsRequestBody>, EmbeddingsRequestBodyValidator>();
        services.AddSingleton<IRequestValidator<ModelConfigUpdate>, ModelConfigUpdateValidator>();
        services.AddSingleton<IRequestValidator<LoadBalancingUpdate>, LoadBalancingUpdateValidator>();
        services.AddSingleton<IRequestValidator<RegisterModelRequest>, RegisterModelRequestValidator>();
        services.AddSingleton<IRequestValidator<BatchInferenceRequest>, BatchInferenceRequestValidator>();
        return services;
    }
}
