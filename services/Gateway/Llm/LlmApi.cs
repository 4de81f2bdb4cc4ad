using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Gateway.Errors;
using Platform.Gateway.Chat;
using Platform.Providers.Accounting;
using Platform.Llm.Data;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;
using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.Llm;

/// <summary>Seed 003's multi-model LLM API, under `/api/llm` and its versioned twin `/api/v1/llm`.</summary>
public static class LlmApi
{
    public const int DefaultWindowMinutes = 60;
    public const int MaxWindowMinutes = 7 * 24 * 60;

    public static IEndpointRouteBuilder MapLlmApi(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in (string[])["/api/llm", "/api/v1/llm"])
        {
            MapRoutes(app.MapGroup(prefix).WithTags("LLM"));
        }

        return app;
    }

    private static void MapRoutes(RouteGroupBuilder llm)
    {
        llm.MapPost("/generate", GenerateAsync).Validates<GenerateRequest>()
            .WithSummary("Generate a whole answer from a registered model (parameters.stream: true streams it instead)");
        llm.MapPost("/generate/stream", StreamAsync).Validates<GenerateRequest>()
            .WithSummary("Generate an answer as server-sent events, ending with data: [DONE]");
        llm.MapGet("/health", HealthAsync).WithSummary("Service health and how many registered models can answer");
        llm.MapGet("/stats/usage", UsageAsync).WithSummary("Requests, tokens and cost per model over whole UTC days (?start_date=&end_date=&model=)");
        llm.MapGet("/stats/performance", PerformanceAsync)
            .WithSummary("Latency percentiles, success rate and throughput over the last window_minutes (default 60; ?model=)");
    }

    private static async Task<IResult> GenerateAsync(GenerateRequest request, InteractiveCalls calls, HttpContext context)
    {
        if (request.Parameters?.Stream == true)
        {
            return await StreamAsync(request, calls, context);
        }

        try
        {
            var call = await calls.CompleteAsync(RouteOf(request, calls), CallerIdentity.ApiKeyIdOf(context), context.RequestAborted);
            var answer = new GenerateChoice(0, new ChatTurn("assistant", call.Response.Text), call.Response.FinishReason?.Value ?? "stop");
            return TypedResults.Ok(new GenerateResponse(LlmErrors.RequestIdOf(context), request.Model!, [answer],
                UsageView.Of(call.Tokens), CostView.Of(call.AnsweredBy.Pricing, call.Tokens)));
        }
        catch (ProviderException e)
        {
            return LlmFailures.Result(e, request.Model!);
        }
    }

    private static async Task<IResult> StreamAsync(GenerateRequest request, InteractiveCalls calls, HttpContext context)
    {
        StartedAnswer stream;
        try
        {
            stream = await StartedAnswer.OpenAsync(calls.StreamAsync(RouteOf(request, calls), CallerIdentity.ApiKeyIdOf(context), context.RequestAborted));
        }
        catch (ProviderException e)
        {
            return LlmFailures.Result(e, request.Model!);
        }

        var id = "stream_" + LlmErrors.RequestIdOf(context)["req_".Length..];
        return ServerSentEvents.Of(context, stream,
            piece => [piece.Totals is { } totals
                ? new GenerateChunk(id, [new GenerateChunkChoice(new GenerateChunkDelta(), totals.FinishReason)], UsageView.Of(totals.Tokens),
                    CostView.Of(totals.AnsweredBy.Pricing, totals.Tokens))
                : new GenerateChunk(id, [new GenerateChunkChoice(new GenerateChunkDelta(piece.Text))])],
            failure => LlmFailures.Event(context, failure, request.Model!));
    }

    private static RouteRequest RouteOf(GenerateRequest request, InteractiveCalls calls) =>
        calls.Request(RouteTarget.Named(request.Model!), ChatInput.ToChatMessages(request.Messages!),
            ChatInput.Options(request.Parameters?.Temperature, request.Parameters?.MaxTokens, request.Parameters?.TopP));

    /// <summary>
    /// A model is healthy while one of its deployments is enabled. The router's own health view
    /// (circuits, error rates) is not public yet, so `degraded` stays 0 until it is.
    /// </summary>
    private static async Task<Ok<HealthResponse>> HealthAsync(ModelCatalog catalog, DeploymentStates states, UsageRecorder usage, LlmDbContext db,
        TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LlmHealth.CheckAsync(catalog, states, usage, db, time, cancellationToken));

    private static async Task<IResult> UsageAsync(
        [FromQuery(Name = "start_date")] string? startDate, [FromQuery(Name = "end_date")] string? endDate, string? model,
        UsageStatistics statistics, TimeProvider time, HttpContext context)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!TryParseDate(endDate, today, out var end))
        {
            return InvalidQuery($"end_date '{endDate}' must be a date written YYYY-MM-DD", "end_date");
        }

        // Without dates: the month so far, as the seed's example period is a month.
        if (!TryParseDate(startDate, new DateOnly(end.Year, end.Month, 1), out var start))
        {
            return InvalidQuery($"start_date '{startDate}' must be a date written YYYY-MM-DD", "start_date");
        }

        if (start > end)
        {
            return InvalidQuery($"start_date {start:yyyy-MM-dd} is after end_date {end:yyyy-MM-dd}", "start_date");
        }

        var from = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var byModel = await statistics.UsageByModelAsync(from, to, model, context.RequestAborted);
        return TypedResults.Ok(new UsageStatsResponse(
            new UsagePeriod(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            byModel.Sum(usage => usage.Requests), byModel.Sum(usage => usage.Tokens), byModel.Sum(usage => usage.Cost),
            byModel.ToDictionary(usage => usage.ModelName, usage => new ModelUsageView(usage.Requests, usage.Tokens, usage.Cost))));
    }

    private static async Task<IResult> PerformanceAsync([FromQuery(Name = "window_minutes")] int? windowMinutes, string? model,
        UsageStatistics statistics, TimeProvider time, HttpContext context)
    {
        if (windowMinutes is < 1 or > MaxWindowMinutes)
        {
            return InvalidQuery($"window_minutes must be between 1 and {MaxWindowMinutes}", "window_minutes");
        }

        var window = TimeSpan.FromMinutes(windowMinutes ?? DefaultWindowMinutes);
        var summary = await statistics.PerformanceAsync(time.GetUtcNow(), window, model, context.RequestAborted);
        return TypedResults.Ok(new PerformanceResponse(
            new ResponseTimes((long)Math.Round(summary.AverageMs), (long)Math.Round(summary.P50Ms), (long)Math.Round(summary.P95Ms),
                (long)Math.Round(summary.P99Ms)),
            Math.Round(summary.SuccessRate, 4), Math.Round(summary.ErrorRate, 4),
            new Throughput(Math.Round(summary.Requests / window.TotalMinutes, 2), Math.Round(summary.Tokens / window.TotalMinutes, 2))));
    }

    private static bool TryParseDate(string? text, DateOnly fallback, out DateOnly date)
    {
        date = fallback;
        return text is null || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static PlatformError InvalidQuery(string message, string field) =>
        new PlatformError(ErrorKind.InvalidRequest, message, new { field });
}
