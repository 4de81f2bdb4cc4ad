using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Llm.Data.Security;

/// <summary>
/// AES-256-GCM for provider keys: stored in PostgreSQL and carried in queue messages only as ciphertext.
/// Format: "v1:" + base64(nonce | tag | ciphertext).
/// </summary>
public sealed class SecretProtector
{
    private const string Prefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public SecretProtector(IOptions<SecretsOptions> options)
    {
        var encoded = options.Value.EncryptionKey;
        if (string.IsNullOrWhiteSpace(encoded))
        {
            throw new InvalidOperationException("Secrets:EncryptionKey is not configured (base64 of 32 random bytes).");
        }

        _key = Convert.FromBase64String(encoded);
        if (_key.Length != 32)
        {
            throw new InvalidOperationException("Secrets:EncryptionKey must decode to exactly 32 bytes.");
        }
    }

    public string Protect(string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    public string Unprotect(string protectedSecret)
    {
        if (!protectedSecret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("The protected secret has an unknown format.");
        }

        var sealedBytes = Convert.FromBase64String(protectedSecret[Prefix.Length..]);
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
