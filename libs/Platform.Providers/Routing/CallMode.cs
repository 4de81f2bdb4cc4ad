namespace Platform.Providers.Routing;

/// <summary>Batch callers wait for quota; interactive callers are told to come back (429 with Retry-After).</summary>
public enum CallMode
{
    Batch,
    Interactive,
}
