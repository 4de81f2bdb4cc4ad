namespace Platform.Gateway.Auth;

/// <summary>A presented key's verdict: the caller, or why the key was refused.</summary>
public sealed record ApiKeyCheck(ApiKeyCaller? Caller, string? Failure);
