namespace Platform.Contracts;

/// <summary>
/// Headers the Gateway sets on its calls to internal services: who the caller is, as the Gateway authenticated them,
/// and the shared secret that proves the call came from the Gateway. A client's own copies never get past the Gateway.
/// </summary>
public static class InternalHeaders
{
    /// <summary>The caller's key id (a stored key's id, `config:N`, or `local` in local mode): the owner of what it creates.</summary>
    public const string Caller = "X-Platform-Caller";

    /// <summary>`admin` or `user`.</summary>
    public const string CallerRole = "X-Platform-Caller-Role";

    public const string Token = "X-Platform-Internal-Token";
}
