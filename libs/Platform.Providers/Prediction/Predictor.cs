using System.Diagnostics;
using Microsoft.Extensions.AI;
using Platform.Providers.Clients;
using Platform.Providers.Extraction;
using Platform.Providers.Models;
using Platform.Providers.Prompts;
using Platform.Providers.Resilience;
using Polly.Timeout;

namespace Platform.Providers.Prediction;

/// <summary>Renders a task's prompt, calls its model under the call policy and reads the JSON answer.</summary>
public sealed class Predictor(ChatClientFactory clients, ProviderResilience resilience, TimeProvider time)
{
    private static readonly ActivitySource Activity = new("Platform.Providers");

    public async Task<PredictionResult> PredictAsync(ResolvedModel model, string content, CallPolicy policy,
        CancellationToken cancellationToken)
    {
        using var activity = Activity.StartActivity("predict");
        activity?.SetTag("gen_ai.system", model.Kind.ModelType);
        activity?.SetTag("gen_ai.request.model", model.ModelName);

        var prompt = PromptRenderer.Render(model.PromptTemplate, content);
        using var client = clients.Create(model);
        var pipeline = resilience.Build(model.DisplayName, policy);
        var started = time.GetTimestamp();
        var attempts = 0;
        try
        {
            var response = await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                return await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], cancellationToken: token);
            }, cancellationToken);

            var answer = JsonAnswerExtractor.Extract(response.Text);
            return new PredictionResult(answer.Json, response.Text, answer.Confidence, attempts,
                (int?)response.Usage?.InputTokenCount, (int?)response.Usage?.OutputTokenCount, model.DisplayName,
                time.GetElapsedTime(started));
        }
        catch (TimeoutRejectedException)
        {
            throw Failed(ProviderException.Timeout(model.DisplayName, policy.AttemptTimeout));
        }
        catch (ProviderException e)
        {
            throw Failed(e);
        }

        PredictionFailedException Failed(ProviderException cause)
        {
            activity?.SetStatus(ActivityStatusCode.Error, cause.ErrorCode);
            return new PredictionFailedException(cause, attempts, time.GetElapsedTime(started));
        }
    }
}
