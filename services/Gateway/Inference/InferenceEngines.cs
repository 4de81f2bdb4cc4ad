using Platform.Contracts.Http.Models;
using Platform.Gateway.Errors;
using Platform.Providers.Models;
using Platform.Providers.Registry;
using Platform.Providers.Routing;

namespace Platform.Gateway.Inference;

/// <summary>
/// Resolves `engine` and `model_name`: a provider kind with a model registered under that name and kind is the
/// registered model (its key, prices and fallbacks); a provider kind otherwise is a model given in full, with its
/// endpoint in `options`; any other engine must be a registered model's name.
/// </summary>
public sealed class InferenceEngines(ModelCatalog catalog, ModelRegistry registry, ModelConfigValidator validator)
{
    public async Task<InferenceTarget> ResolveAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        var engine = request.Engine;
        if (string.IsNullOrWhiteSpace(engine))
        {
            throw InferenceException.Invalid("engine", $"engine is required: a provider kind ({KnownKinds}) or a registered model");
        }

        var options = request.Options;
        if (ProviderKinds.Find(engine) is { } kind)
        {
            var name = request.ModelName;
            if (string.IsNullOrWhiteSpace(name))
            {
                throw InferenceException.Invalid("model_name", "model_name is required");
            }

            if (options?.ApiKey is null && options?.BaseUrl is null && Registered(name) is { } registered && registered.Target.Kind == kind)
            {
                return new InferenceTarget(engine, name, RouteTarget.Named(name), registered);
            }

            var config = new AiModelConfig
            {
                ModelType = engine, ModelName = name, ApiKey = options?.ApiKey, BaseUrl = options?.BaseUrl,
                Temperature = options?.Temperature, MaxTokens = options?.MaxTokens,
            };
            if (validator.Validate(config, "options") is [var problem, ..])
            {
                throw InferenceException.Invalid(problem.Split(' ')[0], problem);
            }

            var route = RouteTarget.For(ModelConfigValidator.Resolve(config));
            return new InferenceTarget(engine, name, route, route.AdHoc!);
        }

        if (await registry.ServesAsync(engine, cancellationToken) && Registered(engine) is { } model)
        {
            return new InferenceTarget(engine, engine, RouteTarget.Named(engine), model);
        }

        throw new InferenceException(ErrorKind.ModelNotFound, InferenceErrors.ModelNotFound,
            $"engine '{engine}' is neither a provider kind ({KnownKinds}) nor a registered model",
            new { engine, hint = "register the model first (PUT /api/llm/config/models/{model_id}), or name a provider kind as engine" });
    }

    private static string KnownKinds => string.Join(", ", ProviderKinds.All.Select(kind => kind.ModelType));

    private ModelDeployment? Registered(string name) => catalog.DeploymentsOf(name).FirstOrDefault(deployment => deployment.Enabled);
}
