using Platform.Contracts.Http.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Providers.Models;
using Platform.Providers.Registry;
using Platform.Providers.Routing;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.Models;

/// <summary>Seed 000's model management: model types, their health, and registered model versions.</summary>
public static class ModelTypesApi
{
    public static IEndpointRouteBuilder MapModelTypesApi(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/v1/ai/models").WithTags("Models");
        models.MapGet("/", ListTypes).WithSummary("Model types this platform knows, with examples");
        models.MapGet("/{model_type}/health", CheckHealthAsync).WithSummary("Probe the configured model of one type with a one-token call");
        models.MapPost("/register", RegisterAsync).Validates<RegisterModelRequest>()
            .WithSummary("Register a model version; its model_name is then served by name");
        models.MapGet("/versions", ListVersionsAsync).WithSummary("Registered model versions (?model_type=&model_name=)");
        return app;
    }

    private static Ok<ModelTypeList> ListTypes() =>
        TypedResults.Ok(new ModelTypeList(ProviderKinds.All.Select(kind =>
            new ModelTypeView(kind.ModelType, kind.Description, kind.Callable, kind.Examples)).ToList()));

    private static async Task<Results<Ok<ModelTypeHealth>, NotFound<AiApiError>>> CheckHealthAsync(string model_type,
        ModelCatalog catalog, ModelRouter router, TimeProvider time, CancellationToken cancellationToken)
    {
        return ProviderKinds.Find(model_type) is { } kind
            ? TypedResults.Ok(await ModelHealthProbe.CheckAsync(kind, catalog, router, time, cancellationToken))
            : UnknownType(model_type);
    }

    private static async Task<Results<Ok<ModelVersionRegistered>, BadRequest<AiApiError>, Conflict<AiApiError>>> RegisterAsync(
        JsonBody<RegisterModelRequest> body, RegistryStore store, CancellationToken cancellationToken)
    {
        var request = body.Value!;
        // `model_name` is the public name; `config.model_name`, when given, the upstream model it stands for.
        var config = (request.Config ?? new AiModelConfig()) with { ModelType = request.ModelType, ModelName = request.Config?.ModelName ?? request.ModelName };
        var registration = await store.RegisterVersionAsync(new NewModelVersion(config, request.Version!, request.Description, request.ModelName!,
            request.Replace == true), cancellationToken);
        if (registration.Errors.Count > 0)
        {
            return AiApiError.BadRequest(registration.Errors);
        }

        if (registration.NameTaken)
        {
            return AiApiError.Conflict($"Model name '{request.ModelName}' already serves another model; send \"replace\": true to take it over",
                new { model_type = config.ModelType, model_name = request.ModelName });
        }

        var label = $"{config.ModelType}/{request.ModelName} version {request.Version}";
        if (registration.Version is not { } version)
        {
            return AiApiError.Conflict($"Model {label} is already registered",
                new { model_type = config.ModelType, model_name = request.ModelName, version = request.Version });
        }

        return TypedResults.Ok(new ModelVersionRegistered("registered",
            $"Model {label} registered; batch jobs can use it as {{\"model_name\": \"{request.ModelName}\"}}",
            ToView(new ModelVersionRecord(version, SecretRedaction.Redact(config.ApiKey), Active: true))));
    }

    private static async Task<Results<Ok<ModelVersionList>, NotFound<AiApiError>>> ListVersionsAsync(RegistryStore store,
        CancellationToken cancellationToken, string? model_type = null, string? model_name = null)
    {
        if (model_type is not null && ProviderKinds.Find(model_type) is null)
        {
            return UnknownType(model_type);
        }

        var versions = await store.ListVersionsAsync(model_type, model_name, cancellationToken);
        return TypedResults.Ok(new ModelVersionList(versions.Select(ToView).ToList(), versions.Count));
    }

    private static NotFound<AiApiError> UnknownType(string modelType) =>
        AiApiError.NotFound($"model_type '{modelType}' is unknown",
            new { known_types = ProviderKinds.All.Select(kind => kind.ModelType) });

    private static ModelVersionView ToView(ModelVersionRecord record)
    {
        var version = record.Version;
        return new ModelVersionView(version.Id, version.ModelType, version.ModelName, version.Version, version.Description,
            new VersionConfigView(version.ModelType, version.ModelName, record.ApiKeyHint, version.BaseUrl, version.MaxTokens,
                version.Temperature, version.PromptTemplate),
            record.Active, version.CreatedAt.UtcDateTime);
    }
}
