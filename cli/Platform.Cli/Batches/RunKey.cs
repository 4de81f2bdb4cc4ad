using System.Security.Cryptography;
using System.Text.Json;

namespace Platform.Cli.Batches;

/// <summary>
/// What makes a run the same run: the input file's bytes and every argument that changes what is asked (never the
/// provider key, the output path or the poll interval). Task ids and each job's Idempotency-Key derive from it, so a
/// run started again with the same arguments picks up its jobs instead of submitting new ones.
/// </summary>
public static class RunKey
{
    public static string Of(string inputPath, object arguments)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var file = File.OpenRead(inputPath))
        {
            hash.AppendData(SHA256.HashData(file));
        }

        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(arguments));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>The Idempotency-Key of the run's job for its <paramref name="part"/>-th slice of rows.</summary>
    public static string JobKey(string runKey, int part) => $"platform-run-{runKey}-{part}";
}
