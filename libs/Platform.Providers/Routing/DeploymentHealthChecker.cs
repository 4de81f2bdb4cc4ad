using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Providers.Clients;
using Platform.Providers.Models;
using Platform.Providers.Resilience;

namespace Platform.Providers.Routing;

/// <summary>
/// Brings unhealthy deployments back: the balancer no longer sends them traffic, so each check probes
/// them with the smallest real call their protocol has (Ollama's model list, otherwise a one-token
/// completion), and every success counts toward the recovery threshold.
/// </summary>
public sealed partial class DeploymentHealthChecker(
    ModelCatalog catalog,
    DeploymentStates states,
    IHttpClientFactory httpClients,
    IOptions<RoutingOptions> options,
    ILogger<DeploymentHealthChecker> logger)
{
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var deployment in catalog.All.Where(deployment => deployment.Enabled))
        {
            var state = states.For(deployment);
            if (state.Stats.IsHealthy)
            {
                continue;
            }

            var healthy = await ProbeAsync(state, cancellationToken).ConfigureAwait(false);
            state.Stats.RecordProbe(healthy, catalog.LoadBalancing);
            LogProbed(logger, deployment.Id, healthy, state.Stats.IsHealthy);
        }
    }

    private async Task<bool> ProbeAsync(DeploymentState state, CancellationToken cancellationToken)
    {
        var deployment = state.Deployment;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Value.ProbeTimeout);
        try
        {
            if (deployment.Target.Kind.Protocol == WireProtocol.Ollama)
            {
                using var response = await httpClients.CreateClient(ChatClientFactory.HttpClientName)
                    .GetAsync(new Uri(deployment.Target.BaseUrl, "api/tags"), limit.Token).ConfigureAwait(false);
                return response.IsSuccessStatusCode;
            }

            await state.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "ping")], new ChatOptions { MaxOutputTokens = 1 }, limit.Token)
                .ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is ProviderException or HttpRequestException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Probed unhealthy deployment {Deployment}: probe succeeded {Succeeded}, healthy now {Healthy}")]
    private static partial void LogProbed(ILogger logger, string deployment, bool succeeded, bool healthy);
}
