using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Gateway.Errors;
using Platform.Providers.Models;
using Platform.Providers.Registry;
using Platform.Providers.Resilience;
using Platform.ServiceDefaults;

using Platform.Gateway.Chat;
using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.Predict;

/// <summary>Seed 000's single prediction, answered by the Gateway itself.</summary>
public static class InteractiveApi
{
    public static IEndpointRouteBuilder MapInteractiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/ai").WithTags("Prediction")
            .MapPost("/predict", PredictAsync)
            .Validates<PredictRequest>()
            .WithSummary("Pre-annotate one task with one model config; answers are cached by everything that shapes them");
        return app;
    }

    private static async Task<Results<Ok<PredictResponse>, NotFound<AiApiError>, JsonHttpResult<AiApiError>>> PredictAsync(
        PredictRequest request, InteractivePredictor predictor, TaskContentClient tasks, RegistryStore registry,
        IOptions<InteractiveOptions> options, HttpContext context)
    {
        var taskId = request.TaskId!;
        var content = request.Content;
        if (content is null)
        {
            try
            {
                content = await tasks.GetContentAsync(taskId, context.RequestAborted);
            }
            catch (HttpRequestException)
            {
                return AiApiError.ServiceUnavailable("The task service is not reachable to read the task's content; send `content` or try again shortly");
            }

            if (content is null)
            {
                return AiApiError.NotFound($"Task {taskId} not found; import it with POST /api/v1/tasks or send `content`");
            }
        }

        var model = ModelConfigValidator.Resolve(request.AiModelConfig!);
        // `model_info.version` names the registered version of this model when there is one.
        var registered = await registry.AnsweringVersionAsync(model, context.RequestAborted);
        try
        {
            return TypedResults.Ok(await predictor.PredictAsync(taskId, model, content, registered, CallerIdentity.ApiKeyIdOf(context),
                context.RequestAborted));
        }
        catch (ProviderException e)
        {
            return AiApiError.FromProvider(context, e, model, options.Value.Timeout);
        }
    }
}
