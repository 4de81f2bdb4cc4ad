using System.Security.Cryptography;
using System.Text;

namespace Platform.Llm.Data.Keys;

/// <summary>
/// Keys look like `pk_&lt;id&gt;_&lt;secret&gt;`: the id finds the row without scanning, the 256-bit
/// secret makes the key unguessable, and only the key's SHA-256 is stored (a fast hash is enough for
/// random keys of that length; there is nothing to brute-force).
/// </summary>
public static class ApiKeyTokens
{
    private const string Prefix = "pk_";
    private const int IdBytes = 6;
    private const int SecretBytes = 32;

    /// <summary>A new key and its id; the key is to be shown to its owner once and then forgotten.</summary>
    public static (string Id, string Key) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        return (id, $"{Prefix}{id}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretBytes))}");
    }

    /// <summary>The id part of a key in the platform's format; false for anything else (e.g. a configured key).</summary>
    public static bool TryReadId(string presented, out string id)
    {
        id = string.Empty;
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length != Prefix.Length + (2 * IdBytes) + 1 + (2 * SecretBytes)
            || presented[Prefix.Length + (2 * IdBytes)] != '_')
        {
            return false;
        }

        id = presented.Substring(Prefix.Length, 2 * IdBytes);
        return true;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Compares hashes in constant time, so the time taken says nothing about how much matched.</summary>
    public static bool Matches(byte[] storedHash, string presented) => CryptographicOperations.FixedTimeEquals(storedHash, Hash(presented));

    /// <summary>What a listing shows so that a user can tell keys apart: the public part only.</summary>
    public static string DisplayPrefix(string id) => $"{Prefix}{id}_…";
}
