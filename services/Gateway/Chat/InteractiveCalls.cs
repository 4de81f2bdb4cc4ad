using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Platform.Providers.Accounting;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.Gateway.Chat;

/// <summary>
/// Every interactive model call goes through here: through <see cref="ModelRouter"/> under the
/// interactive policy, with one usage record per call — answered, failed or abandoned by the client.
/// </summary>
public sealed class InteractiveCalls(ModelRouter router, UsageRecorder usage, IOptions<InteractiveOptions> options, TimeProvider time)
{
    /// <summary>Retries and deadline of every interactive call.</summary>
    public CallPolicy Policy => new(options.Value.RetryAttempts, options.Value.Timeout);

    public RouteRequest Request(RouteTarget target, IList<ChatMessage> messages, ChatOptions? chatOptions = null) =>
        new(target, messages, chatOptions, Policy, CallMode.Interactive);

    public async Task<CompletedCall> CompleteAsync(RouteRequest request, string? apiKeyId, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var routed = await router.CompleteAsync(request, cancellationToken);
            var tokens = TokenCount.Of(routed.Response.Usage, request.Messages, routed.Response.Text);
            usage.Record(UsageRecord.Succeeded(routed.AnsweredBy, CallMode.Interactive, tokens, routed.Elapsed, time.GetUtcNow(), apiKeyId));
            return new CompletedCall(routed.Response, routed.AnsweredBy, tokens);
        }
        catch (Exception e) when (FailureCode(e) is { } errorCode)
        {
            RecordFailure(request, null, errorCode, TokenCount.None, started, apiKeyId);
            throw;
        }
    }

    /// <summary>
    /// Streams an answer. Cancelling <paramref name="cancellationToken"/> (the client went away) cancels
    /// the upstream request; what was produced until then is still accounted.
    /// </summary>
    public async IAsyncEnumerable<StreamPiece> StreamAsync(RouteRequest request, string? apiKeyId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var text = new StringBuilder();
        UsageDetails? reported = null;
        ModelDeployment? answeredBy = null;
        string? finishReason = null;
        string? failure = UsageRecord.Cancelled; // until the stream ends, leaving it means the client left
        await using var updates = router.StreamAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (ProviderException e)
                {
                    failure = FailureCode(e);
                    throw;
                }

                var update = updates.Current;
                answeredBy = update.AnsweredBy;
                text.Append(update.Update.Text);
                finishReason = update.Update.FinishReason?.Value ?? finishReason;
                reported = update.Update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? reported;
                if (update.Update.Text.Length > 0)
                {
                    yield return new StreamPiece(update.Update.Text, null);
                }
            }

            failure = null;
            var tokens = TokenCount.Of(reported, request.Messages, text.ToString());
            if (answeredBy is null)
            {
                failure = ProviderErrorCode.ModelUnavailable;
                throw ProviderException.Malformed(request.Target.ToString(), "the stream ended without an answer");
            }

            usage.Record(UsageRecord.Succeeded(answeredBy, CallMode.Interactive, tokens, time.GetElapsedTime(started), time.GetUtcNow(), apiKeyId));
            yield return new StreamPiece("", new StreamTotals(answeredBy, tokens, finishReason ?? "stop", text.ToString()));
        }
        finally
        {
            if (failure is not null)
            {
                RecordFailure(request, answeredBy, failure, TokenCount.Of(reported, request.Messages, text.ToString()), started, apiKeyId);
            }
        }
    }

    private void RecordFailure(RouteRequest request, ModelDeployment? tried, string errorCode, TokenCount tokens, long started, string? apiKeyId) =>
        usage.Record(UsageRecord.Failed(request.Target.ModelName ?? request.Target.AdHoc!.ModelName, tried ?? request.Target.AdHoc,
            CallMode.Interactive, errorCode, tokens, time.GetElapsedTime(started), time.GetUtcNow(), apiKeyId));

    /// <summary>An unknown model name never reached a model: nothing to account.</summary>
    private static string? FailureCode(Exception exception) => exception switch
    {
        ProviderException { ErrorCode: ProviderErrorCode.ModelNotFound } => null,
        ProviderException provider => provider.ErrorCode,
        OperationCanceledException => UsageRecord.Cancelled,
        _ => null,
    };
}
