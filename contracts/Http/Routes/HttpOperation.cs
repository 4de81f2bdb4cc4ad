namespace Platform.Contracts.Http.Routes;

/// <summary>
/// One public operation of a service: the service maps its handler here, and the Gateway documents and forwards the same
/// entry, so the two cannot drift apart.
/// </summary>
public sealed record HttpOperation(string Method, string Pattern, string Tag, string Summary)
{
    public override string ToString() => $"{Method} {Pattern}";
}
