using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.TransformerWorker.Completions;
using Platform.TransformerWorker.Errors;
using Platform.TransformerWorker.TransformerApi;

namespace Platform.TransformerWorker.Limits;

/// <summary>
/// The per-replica limit on forward passes and generations (`/api/v1/forward`, `/v1/*` completions and embeddings):
/// a concurrency limiter with a short queue. A request beyond both is answered 429 with `Retry-After`, in its API's
/// error shape; a queued request whose client goes away leaves the queue.
/// </summary>
public static class InferenceLimits
{
    public const string Policy = "inference";

    public static IHostApplicationBuilder AddInferenceLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InferenceLimitOptions>().BindConfiguration(InferenceLimitOptions.SectionName)
            .Validate(options => options.MaxConcurrent is >= 1 and <= 1024, "Transformer:Inference:MaxConcurrent must be between 1 and 1024.")
            .Validate(options => options.QueueLimit is >= 0 and <= 10_000, "Transformer:Inference:QueueLimit must be between 0 and 10000.")
            .Validate(options => options.RetryAfter >= TimeSpan.FromSeconds(1), "Transformer:Inference:RetryAfter must be at least one second.")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(rateLimiter =>
        {
            // One partition: the limit is the replica's, whoever calls.
            rateLimiter.AddPolicy(Policy, http => RateLimitPartition.GetConcurrencyLimiter(Policy, _ =>
            {
                var limits = LimitsOf(http);
                return new ConcurrencyLimiterOptions
                {
                    PermitLimit = limits.MaxConcurrent,
                    QueueLimit = limits.QueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                };
            }));
            rateLimiter.OnRejected = (context, _) =>
            {
                var http = context.HttpContext;
                var limits = LimitsOf(http);
                var seconds = (int)Math.Ceiling(limits.RetryAfter.TotalSeconds);
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var message = $"this replica is running {limits.MaxConcurrent} forward passes or generations with {limits.QueueLimit} more waiting; retry in {seconds} s";
                IResult error = TransformerApiFamilies.IsOpenAi(http.Request.Path) ? OpenAiErrors.Busy(message) : TransformerErrors.Busy(http.RequestServices.GetRequiredService<TimeProvider>(), message);
                return new ValueTask(error.ExecuteAsync(http));
            };
        });
        return builder;
    }

    private static InferenceLimitOptions LimitsOf(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<InferenceLimitOptions>>().Value;
}
