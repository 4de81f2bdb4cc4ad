using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Errors;
using Platform.Providers.Registry;
using Platform.Providers.Routing;
using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.Models;

/// <summary>Seed 003's model listing, status and configuration, under `/api/llm` and `/api/v1/llm` alike.</summary>
public static class LlmModelsApi
{
    public static IEndpointRouteBuilder MapLlmModelsApi(this IEndpointRouteBuilder app)
    {
        MapVersion(app, "/api/llm");
        MapVersion(app, "/api/v1/llm");
        return app;
    }

    private static void MapVersion(IEndpointRouteBuilder app, string prefix)
    {
        var llm = app.MapGroup(prefix).WithTags("LLM models");
        llm.MapGet("/models", ListModels).WithSummary("Registered models with their limits, pricing and status");
        llm.MapGet("/models/{model_id}/status", StatusOf).WithSummary("Health of one model as the router sees it");
        llm.MapPut("/config/models/{model_id}", SaveModelAsync).Validates<ModelConfigUpdate>()
            .WithSummary("Change a model's settings, or create it when model_type (or provider) is given");
        llm.MapGet("/config/load-balancing", GetLoadBalancing).WithSummary("How deployments of one model share traffic");
        llm.MapPut("/config/load-balancing", SaveLoadBalancingAsync).Validates<LoadBalancingUpdate>()
            .WithSummary("Set the balancing strategy, health-check thresholds and weights");
    }

    private static Ok<LlmModelList> ListModels(ModelRegistry registry, ModelRouter router) =>
        TypedResults.Ok(new LlmModelList(registry.Entries.Select(entry => ToView(entry, router)).ToList()));

    private static IResult StatusOf(string model_id, HttpContext context, ModelRegistry registry, ModelRouter router)
    {
        if (registry.Find(model_id) is not { } entry)
        {
            return ModelNotFound(model_id);
        }

        var status = router.StatusOf(entry.Id);
        return TypedResults.Ok(new LlmModelStatus(entry.Id, StatusWord(entry, status), HealthWord(status.Health), status.ResponseTimeMs,
            status.LastCheck, status.ErrorRate));
    }

    private static async Task<IResult> SaveModelAsync(string model_id, JsonBody<ModelConfigUpdate> body, HttpContext context,
        RegistryStore store, ModelRegistry registry, ModelRouter router, CancellationToken cancellationToken)
    {
        if (!ModelDefinitionRules.IsValidId(model_id))
        {
            return InvalidRequest([$"model_id '{model_id}' is not valid: {ModelDefinitionRules.IdRule}"]);
        }

        var change = await store.SaveModelAsync(model_id, ToDefinition(model_id, body.Value!), cancellationToken);
        if (change.Outcome == ModelChangeOutcome.NotFound)
        {
            return ModelNotFound(model_id,
                "; to create it, give model_type (or provider), model_name and, as the provider needs, base_url and api_key");
        }

        if (change.Outcome == ModelChangeOutcome.Invalid)
        {
            return InvalidRequest(change.Errors);
        }

        if (registry.Find(model_id) is not { } entry)
        {
            return new PlatformError(ErrorKind.ModelUnavailable, $"Model '{model_id}' was saved but could not be loaded; try again shortly");
        }

        return change.Outcome == ModelChangeOutcome.Created
            ? TypedResults.Created($"models/{model_id}/status", new ModelConfigSaved($"Model '{model_id}' created", ToView(entry, router)))
            : TypedResults.Ok(new ModelConfigSaved($"Model '{model_id}' configuration updated", ToView(entry, router)));
    }

    private static Ok<LoadBalancingView> GetLoadBalancing(ModelCatalog catalog) => TypedResults.Ok(ToView(catalog.LoadBalancing));

    private static async Task<IResult> SaveLoadBalancingAsync(JsonBody<LoadBalancingUpdate> body, ModelCatalog catalog,
        RegistryStore store, CancellationToken cancellationToken)
    {
        var update = body.Value!;
        var current = catalog.LoadBalancing;
        var settings = new LoadBalancingSettings(
            BalancingStrategyNames.Parse(update.Strategy) ?? current.Strategy,
            update.HealthCheckInterval is { } seconds ? TimeSpan.FromSeconds(seconds) : current.HealthCheckInterval,
            update.FailureThreshold ?? current.FailureThreshold,
            update.RecoveryThreshold ?? current.RecoveryThreshold,
            update.Weights ?? current.Weights);
        await store.SaveLoadBalancingAsync(settings, cancellationToken);
        return TypedResults.Ok(new LoadBalancingSaved("Load balancing configuration updated", ToView(settings)));
    }

    private static ModelDefinition ToDefinition(string id, ModelConfigUpdate update) => new()
    {
        Id = id,
        Model = update.Model,
        ModelType = update.ModelType ?? update.Provider,
        ModelName = update.ModelName,
        BaseUrl = update.BaseUrl,
        ApiKey = update.ApiKey,
        DisplayName = update.Name,
        Type = update.Type,
        Capabilities = update.Capabilities,
        MaxTokens = update.Limits?.MaxTokens,
        ContextWindow = update.Limits?.ContextWindow,
        InputPer1KTokens = update.Pricing?.InputPer1KTokens,
        OutputPer1KTokens = update.Pricing?.OutputPer1KTokens,
        Enabled = update.Enabled,
        Priority = update.Priority,
        Weight = update.Weight,
        RequestsPerMinute = update.RateLimit?.RequestsPerMinute,
        TokensPerMinute = update.RateLimit?.TokensPerMinute,
        FallbackModels = update.FallbackModels,
        DefaultTemperature = update.Parameters?.DefaultTemperature,
        DefaultMaxTokens = update.Parameters?.MaxTokens,
    };

    private static LlmModelView ToView(RegistryEntry entry, ModelRouter router)
    {
        var deployment = entry.Deployment;
        var definition = entry.Definition;
        return new LlmModelView(entry.Id, entry.DisplayName, deployment.Target.Kind.ModelType, entry.Type,
            StatusWord(entry, router.StatusOf(entry.Id)), entry.Capabilities, new ModelLimits(definition.MaxTokens, definition.ContextWindow),
            new ModelPricingView(deployment.Pricing.InputPer1KTokens, deployment.Pricing.OutputPer1KTokens),
            deployment.ModelName, deployment.Target.ModelName, deployment.Enabled, deployment.Priority, deployment.Weight,
            new RateLimitView(deployment.RateLimit.RequestsPerMinute, deployment.RateLimit.TokensPerMinute), deployment.FallbackModels,
            new ModelParameters(deployment.Target.Temperature, deployment.Target.MaxTokens), SecretRedaction.Redact(deployment.Target.ApiKey));
    }

    private static LoadBalancingView ToView(LoadBalancingSettings settings) =>
        new(BalancingStrategyNames.Name(settings.Strategy), (int)settings.HealthCheckInterval.TotalSeconds, settings.FailureThreshold,
            settings.RecoveryThreshold, settings.Weights);

    /// <summary>`available` unless an operator disabled the model or the router finds it unhealthy.</summary>
    private static string StatusWord(RegistryEntry entry, DeploymentStatus status) =>
        !entry.Deployment.Enabled ? "disabled"
        : status.Health == DeploymentHealth.Unhealthy || status.CircuitOpen ? "unavailable"
        : status.Health == DeploymentHealth.Degraded ? "degraded"
        : "available";

    private static string HealthWord(DeploymentHealth health) => health.ToString().ToLowerInvariant();

    private static PlatformError ModelNotFound(string modelId, string hint = "") =>
        new PlatformError(ErrorKind.ModelNotFound, $"Model '{modelId}' is not registered{hint}", new { model = modelId });

    private static PlatformError InvalidRequest(IReadOnlyList<string> errors) =>
        new PlatformError(ErrorKind.InvalidRequest, errors[0], new { errors });
}
