namespace Platform.Providers.Registry;

/// <summary>How a stored provider key is shown: never in full, at most its last four characters.</summary>
public static class SecretRedaction
{
    public const string Mask = "***";

    /// <summary>Short keys show nothing: four characters of an eight-character key would be half of it.</summary>
    private const int MinLengthForHint = 16;

    public static string? Redact(string? secret) => secret switch
    {
        null or "" => null,
        { Length: >= MinLengthForHint } => Mask + secret[^4..],
        _ => Mask,
    };
}
