using System.Buffers;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Http.Routes;
using Platform.Transformer;
using Platform.TransformerWorker.Limits;
using Platform.TransformerWorker.Models;
using Platform.TransformerWorker.Telemetry;
using Platform.ServiceDefaults.Routing;
using Platform.ServiceDefaults.Validation;

namespace Platform.TransformerWorker.TransformerApi;

/// <summary>Seed 002's model endpoints: initialize, forward, status.</summary>
public static class TransformerApi
{
    private const string Device = "cpu";

    /// <summary>The engine's messages start with this; the seed's own prefix replaces it.</summary>
    private const string ConfigExceptionPrefix = "invalid config: ";

    public static IEndpointRouteBuilder MapTransformerApi(this IEndpointRouteBuilder app)
    {
        app.MapOperation(TransformerOperations.Initialize, InitializeAsync);
        app.MapOperation(TransformerOperations.Forward, ForwardAsync).Validates<ForwardRequest>().RequireRateLimiting(InferenceLimits.Policy);
        app.MapOperation(TransformerOperations.Status, Status);
        return app;
    }

    private static async Task<Results<Ok<InitializeResponse>, JsonHttpResult<TransformerError>>> InitializeAsync(
        string? config, TransformerSession session, IPublishEndpoint bus, TimeProvider time, CancellationToken cancellationToken)
    {
        TransformerConfig parsed;
        try
        {
            parsed = TransformerConfig.FromJson(string.IsNullOrWhiteSpace(config) ? "{}" : config);
        }
        catch (TransformerConfigException e)
        {
            return TransformerErrors.BadConfig(time, e.Field == "device" && RequestedDevice(config!) is { } device
                ? $"device \"{device}\" is not available: this build has no GPU backend; use \"cpu\""
                : e.Message.Replace(ConfigExceptionPrefix, "", StringComparison.Ordinal));
        }

        try
        {
            // The other replicas load the same model, so that a later call answers alike wherever it lands.
            await bus.Publish(await session.InitializeAsync(parsed, cancellationToken), cancellationToken);
        }
        catch (ModelTooLargeException e)
        {
            return TransformerErrors.BadConfig(time, e.Message);
        }

        return TypedResults.Ok(new InitializeResponse(true, "模型初始化成功", parsed));
    }

    private static async Task<Results<Ok<ForwardResponse>, JsonHttpResult<TransformerError>>> ForwardAsync(
        ForwardRequest request, TransformerSession session, ModelTokenizers tokenizers, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await session.GetModelAsync(cancellationToken) is not { } model)
        {
            return TransformerErrors.NotInitialized(time);
        }

        // max_length cuts the sequence, so no more than it is tokenized.
        var tokens = tokenizers.For(model.Config).Encode(request.Text!, request.MaxLength ?? int.MaxValue, cancellationToken);
        if (tokens.Length > model.Config.ContextSize)
        {
            return TransformerErrors.TooLong(time, tokens.Length, model.Config.ContextSize);
        }

        var capture = request.CaptureData ? new ForwardCapture() : null;
        // The answer gives the logits' shape, not their values: a pooled buffer spares a fresh 25–200 MB array per call.
        var logitCount = tokens.Length * model.Config.VocabSize;
        var logits = ArrayPool<float>.Shared.Rent(logitCount);
        var started = time.GetTimestamp();
        try
        {
            model.Forward(tokens, logits.AsSpan(0, logitCount), capture: capture);
        }
        catch (Exception e) when (e is ArgumentException or OutOfMemoryException)
        {
            return TransformerErrors.InferenceFailed(time, e.Message);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(logits);
        }

        var seconds = time.GetElapsedTime(started).TotalSeconds;
        session.RecordInference(seconds);
        TransformerMetrics.RecordForward(tokens.Length, seconds);
        return TypedResults.Ok(new ForwardResponse(true, "前向传播完成", [1, tokens.Length, model.Config.VocabSize], tokens.Length, capture, seconds));
    }

    private static Ok<StatusResponse> Status(TransformerSession session)
    {
        var config = session.Current?.Config;
        var modelInfo = config is null ? null : new ModelInfo(
            GptModel.CountParameters(config), Math.Round(ModelCache.Megabytes(session.Current!.ParameterBytes), 1), DeviceMemoryMb: 0);
        return TypedResults.Ok(new StatusResponse(config is not null, Device, config, modelInfo, session.Performance));
    }

    /// <summary>The device the client asked for, when it is a string (anything else is a plain JSON error).</summary>
    private static string? RequestedDevice(string config) =>
        JsonNode.Parse(config)?["device"] is JsonValue device && device.TryGetValue<string>(out var name) ? name : null;
}
