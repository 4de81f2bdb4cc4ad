namespace Platform.Llm.Data.Security;

/// <summary>Section `Secrets`: the key that encrypts provider API keys at rest and on the bus.</summary>
public sealed class SecretsOptions
{
    public const string SectionName = "Secrets";

    /// <summary>Base64 of 32 random bytes, the same for every service that stores or reads provider keys.</summary>
    public string? EncryptionKey { get; set; }
}
