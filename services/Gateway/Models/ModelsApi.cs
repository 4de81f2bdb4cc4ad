namespace Platform.Gateway.Models;

public static class ModelsApi
{
    /// <summary>Seed 000's model types and versions, and seed 003's model registry and configuration.</summary>
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app) => app.MapModelTypesApi().MapLlmModelsApi();
}
