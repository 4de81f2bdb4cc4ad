using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Platform.Providers.Embeddings;
using Platform.Providers.Quotas;
using Platform.Providers.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Platform.Providers.Routing;

/// <summary>
/// The one way to call a model. A call to a model name goes to a deployment chosen by the catalog's
/// balancing strategy, through that deployment's pipeline (deadline, retries, quota, circuit, attempt
/// timeout); when it fails there — or is refused by the circuit or, interactively, by the quota — the
/// other available deployments of the name and then the deployment's fallback models are tried in
/// order. A request the provider refused as invalid is not tried elsewhere.
/// </summary>
public sealed partial class ModelRouter(
    ModelCatalog catalog,
    DeploymentStates states,
    DeploymentBalancer balancer,
    ProviderEmbeddings embeddings,
    TimeProvider time,
    ILogger<ModelRouter> logger)
{
    public async Task<RoutedResponse> CompleteAsync(RouteRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var routed = await RouteAsync(request, streaming: false, async (state, token) =>
        {
            using var inFlight = state.Stats.Track();
            return await state.Client.GetResponseAsync(request.Messages, request.Options, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        routed.State.Quota.Settle(routed.EstimatedTokens, TokensUsed(routed.Value.Usage) ?? routed.EstimatedTokens);
        return new RoutedResponse(routed.Value, routed.Deployment, routed.Attempts, time.GetElapsedTime(started));
    }

    /// <summary>Embeds the inputs; a model whose provider has no embeddings API is refused before any call.</summary>
    public async Task<RoutedEmbeddings> EmbedAsync(EmbeddingsRouteRequest request, CancellationToken cancellationToken)
    {
        if (PrimaryDeploymentOf(request.Target) is { } first && !ProviderEmbeddings.Supports(first.Target.Kind))
        {
            throw ProviderEmbeddings.Unsupported(request.Target.ToString());
        }

        var started = time.GetTimestamp();
        var estimatedTokens = DeploymentQuota.EstimateTokens(request.Inputs.Sum(input => input.Characters));
        var routed = await RouteAsync(request.Target, new AttemptContext(request.Policy, request.Mode, estimatedTokens, Streaming: false),
            async (state, token) =>
            {
                using var inFlight = state.Stats.Track();
                return await embeddings.EmbedAsync(state.Deployment.Target, request.Inputs, request.Dimensions, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);

        routed.State.Quota.Settle(estimatedTokens, routed.Value.PromptTokens);
        return new RoutedEmbeddings(routed.Value, routed.Deployment, routed.Attempts, time.GetElapsedTime(started));
    }

    /// <summary>
    /// Streams an answer. Retries and fallbacks happen only until the first chunk arrives; after that a
    /// failure ends the stream with its <see cref="ProviderException"/>. Cancelling the token (a client
    /// that went away) cancels the upstream request.
    /// </summary>
    public async IAsyncEnumerable<RoutedUpdate> StreamAsync(RouteRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var routed = await RouteAsync(request, streaming: true,
            (state, token) => UpstreamStream.OpenAsync(time, state, request, token, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        var stream = routed.Value;
        await using (stream.ConfigureAwait(false))
        {
            do
            {
                yield return new RoutedUpdate(stream.Current, routed.Deployment);
            }
            while (await stream.MoveNextAsync(catalog.LoadBalancing, cancellationToken).ConfigureAwait(false));

            stream.Completed(routed.EstimatedTokens, catalog.LoadBalancing);
        }
    }

    /// <summary>What the router knows about a deployment now (a deployment never called yet is healthy and unmeasured).</summary>
    public DeploymentStatus StatusOf(string deploymentId) =>
        (catalog.Find(deploymentId) is { } deployment ? states.For(deployment) : states.Find(deploymentId))?.Status()
        ?? new DeploymentStatus(deploymentId, DeploymentHealth.Healthy, CircuitOpen: false, ResponseTimeMs: null, LastCheck: null,
            ErrorRate: 0, InFlight: 0);

    /// <summary>The prompt template of the deployment a call to <paramref name="target"/> would start with.</summary>
    public string? PromptTemplateOf(RouteTarget target) => PrimaryDeploymentOf(target)?.Target.PromptTemplate;

    /// <summary>The deployment a call to <paramref name="target"/> would start with; null when the name has no enabled one.</summary>
    public ModelDeployment? PrimaryDeploymentOf(RouteTarget target) =>
        target.AdHoc ?? catalog.DeploymentsOf(target.ModelName!).FirstOrDefault(deployment => deployment.Enabled);

    private Task<Routed<T>> RouteAsync<T>(RouteRequest request, bool streaming,
        Func<DeploymentState, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RouteAsync(request.Target, new AttemptContext(request.Policy, request.Mode,
            DeploymentQuota.EstimateTokens(request.Messages.Sum(message => message.Text.Length)), streaming), call, cancellationToken);

    private async Task<Routed<T>> RouteAsync<T>(RouteTarget target, AttemptContext attempt,
        Func<DeploymentState, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var estimatedTokens = attempt.EstimatedTokens;
        var attempts = 0;
        ProviderException? firstFailure = null;
        foreach (var deployment in Candidates(target))
        {
            var state = ReferenceEquals(deployment, target.AdHoc) ? states.ForAdHoc(deployment) : states.For(deployment);
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(AttemptContext.Key, attempt);
            try
            {
                var value = await state.Pipeline.ExecuteAsync(async (resilience, _) =>
                {
                    attempts++;
                    return await call(state, resilience.CancellationToken).ConfigureAwait(false);
                }, context, 0).ConfigureAwait(false);
                return new Routed<T>(value, deployment, state, attempts, estimatedTokens);
            }
            catch (Exception e) when (Classify(e, deployment, cancellationToken) is { } failure)
            {
                firstFailure ??= failure;
                if (failure.ErrorCode == ProviderErrorCode.InvalidRequest)
                {
                    break;
                }

                LogFallingBack(logger, deployment.Id, failure.ErrorCode);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        // The first failure is the one about what the caller asked for; fallbacks only add attempts.
        firstFailure!.Attempts = attempts;
        throw firstFailure;
    }

    /// <summary>The deployments to try in order: the target's (balanced), then those of the chosen deployment's fallback models.</summary>
    private IEnumerable<ModelDeployment> Candidates(RouteTarget target)
    {
        IReadOnlyList<ModelDeployment> primary;
        if (target.AdHoc is { } adHoc)
        {
            primary = [adHoc];
        }
        else
        {
            var name = target.ModelName!;
            primary = Balanced(name);
            if (primary.Count == 0)
            {
                throw catalog.DeploymentsOf(name).Count == 0
                    ? new ProviderException(ProviderErrorCode.ModelNotFound, $"Model '{name}' is not registered", isTransient: false)
                    : new ProviderException(ProviderErrorCode.ModelUnavailable, $"Model '{name}' has no enabled deployment", isTransient: false);
            }
        }

        foreach (var deployment in primary)
        {
            yield return deployment;
        }

        var tried = new HashSet<string>(StringComparer.Ordinal) { primary[0].ModelName };
        foreach (var fallbackName in primary[0].FallbackModels)
        {
            if (!tried.Add(fallbackName))
            {
                continue;
            }

            var fallback = Balanced(fallbackName);
            if (fallback.Count == 0)
            {
                LogFallbackMissing(logger, fallbackName, primary[0].Id);
            }

            foreach (var deployment in fallback)
            {
                yield return deployment;
            }
        }
    }

    private IReadOnlyList<ModelDeployment> Balanced(string modelName)
    {
        var candidates = catalog.DeploymentsOf(modelName)
            .Where(deployment => deployment.Enabled)
            .Select(deployment =>
            {
                var state = states.For(deployment);
                return new BalancerCandidate(deployment, state.Available, state.Stats.AverageLatencyMs, state.Stats.InFlight);
            })
            .ToList();
        return balancer.Order(modelName, candidates, catalog.LoadBalancing);
    }

    /// <summary>A failure worth reporting or falling back from, as a <see cref="ProviderException"/>; null for the caller's own cancellation.</summary>
    private static ProviderException? Classify(Exception failure, ModelDeployment deployment, CancellationToken cancellationToken) => failure switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        ProviderException provider => provider.Without(deployment.Target.ApiKey),
        TimeoutRejectedException timeout => ProviderException.Timeout(deployment.Target.DisplayName, timeout.Timeout),
        BrokenCircuitException open => ProviderException.CircuitOpen(deployment.Target.DisplayName, open.RetryAfter),
        _ => null,
    };

    internal static long? TokensUsed(UsageDetails? usage) =>
        usage?.TotalTokenCount ?? (usage?.InputTokenCount + usage?.OutputTokenCount);

    private sealed record Routed<T>(T Value, ModelDeployment Deployment, DeploymentState State, int Attempts, int EstimatedTokens);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment {Deployment} failed ({ErrorCode}); trying the next deployment or fallback model")]
    private static partial void LogFallingBack(ILogger logger, string deployment, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fallback model {Model} of deployment {Deployment} has no enabled deployment")]
    private static partial void LogFallbackMissing(ILogger logger, string model, string deployment);
}
