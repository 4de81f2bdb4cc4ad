using Platform.Contracts.Http.Keys;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Gateway.Errors;

namespace Platform.Gateway.Keys;

/// <summary>
/// Key management for admins (an admin key, a configured key, or local mode), beside seed 003's API
/// under both of its prefixes. Errors use seed 003's shape.
/// </summary>
public static partial class KeysApi
{
    private const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "/api/llm", "/api/v1/llm" })
        {
            var keys = app.MapGroup($"{prefix}/keys").WithTags("API keys");
            keys.MapPost("/", CreateAsync).Accepts<CreateKeyRequest>("application/json").Produces<CreatedKey>(StatusCodes.Status201Created)
                .WithSummary("Create an API key {name, role?, requests_per_minute?, expires_at?}; the key is shown only in this answer");
            keys.MapGet("/", ListAsync).WithSummary("List API keys (redacted)");
            keys.MapDelete("/{key_id}", RevokeAsync).WithSummary("Revoke an API key; other Gateway replicas stop accepting it within Auth:KeyCacheDuration");
        }

        return app;
    }

    // The body is read here rather than bound, so that malformed JSON is answered in seed 003's shape.
    private static async Task<IResult> CreateAsync(HttpContext context, ApiKeyStore store, TimeProvider time, ILogger<ApiKeyStore> logger)
    {
        CreateKeyRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<CreateKeyRequest>(context.RequestAborted);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            var where = exception is JsonException { Path: { } path } ? $" at {path}" : string.Empty;
            return Invalid($"The body must be a JSON object {{name, role?, requests_per_minute?, expires_at?}}; it is not valid{where}");
        }

        var problem = request is null ? "The body must be a JSON object" : Validate(request, time.GetUtcNow());
        if (problem is not null)
        {
            return Invalid(problem);
        }

        var (key, fullKey) = await store.CreateAsync(request!.Name!.Trim(), request.Role ?? ApiKeyRole.User, request.RequestsPerMinute, request.ExpiresAt,
            context.RequestAborted);
        LogCreated(logger, key.Id, key.Role);
        return TypedResults.Created((string?)null, key.ToCreated(fullKey));
    }

    private static async Task<Ok<KeyList>> ListAsync(ApiKeyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new KeyList([.. (await store.ListAsync(cancellationToken)).Select(key => key.ToSummary())]));

    private static async Task<IResult> RevokeAsync([FromRoute(Name = "key_id")] string keyId, HttpContext context, ApiKeyStore store, ILogger<ApiKeyStore> logger)
    {
        if (await store.RevokeAsync(keyId, context.RequestAborted) is not { } key)
        {
            return new PlatformError(ErrorKind.NotFound, $"There is no stored API key '{keyId}'", new { key_id = keyId }) { Code = "KEY_NOT_FOUND" };
        }

        LogRevoked(logger, key.Id);
        return TypedResults.Ok(key.ToSummary());
    }

    private static string? Validate(CreateKeyRequest request, DateTimeOffset now) => request switch
    {
        { Name: null } or { Name.Length: 0 } => "name is required",
        { Name.Length: > MaxNameLength } => $"name must be at most {MaxNameLength} characters",
        _ when string.IsNullOrWhiteSpace(request.Name) => "name must not be blank",
        { RequestsPerMinute: <= 0 } => "requests_per_minute must be a positive integer",
        { ExpiresAt: { } expiresAt } when expiresAt <= now => "expires_at must be in the future",
        _ => null,
    };

    private static PlatformError Invalid(string message) =>
        new PlatformError(ErrorKind.InvalidRequest, message);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} created with role {Role}")]
    private static partial void LogCreated(ILogger logger, string keyId, ApiKeyRole role);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} revoked")]
    private static partial void LogRevoked(ILogger logger, string keyId);
}
