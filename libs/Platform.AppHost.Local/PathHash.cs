using System.Security.Cryptography;
using System.Text;

namespace Platform.AppHost.Local;

internal static class PathHash
{
    /// <summary>A short id that stays the same for the same directory across runs.</summary>
    public static string Of(string path) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(path))))[..10];
}
