using System.Diagnostics;
using Microsoft.Extensions.AI;
using Platform.Providers.Extraction;
using Platform.Providers.Models;
using Platform.Providers.Prompts;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.Providers.Prediction;

/// <summary>Renders a task's prompt, sends it through the <see cref="ModelRouter"/> and reads the JSON answer.</summary>
public sealed class Predictor(ModelRouter router, TimeProvider time)
{
    private static readonly ActivitySource Activity = new("Platform.Providers");

    public async Task<PredictionResult> PredictAsync(RouteTarget target, string content, CallPolicy policy, CallMode mode,
        CancellationToken cancellationToken)
    {
        using var activity = Activity.StartActivity("predict");
        activity?.SetTag("gen_ai.request.model", target.ToString());

        var prompt = PromptRenderer.Render(router.PromptTemplateOf(target) ?? ModelConfigValidator.ContentPlaceholder, content);
        var started = time.GetTimestamp();
        try
        {
            var routed = await router.CompleteAsync(
                new RouteRequest(target, [new ChatMessage(ChatRole.User, prompt)], Options: null, policy, mode), cancellationToken);
            var response = routed.Response;
            var answer = JsonAnswerExtractor.Extract(response.Text);
            activity?.SetTag("gen_ai.system", routed.AnsweredBy.Target.Kind.ModelType);
            return new PredictionResult(answer.Json, response.Text, answer.Confidence, routed.Attempts,
                (int?)response.Usage?.InputTokenCount, (int?)response.Usage?.OutputTokenCount, routed.AnsweredBy.Target.DisplayName,
                routed.Elapsed);
        }
        catch (ProviderException e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.ErrorCode);
            throw new PredictionFailedException(e, e.Attempts, time.GetElapsedTime(started));
        }
    }
}
