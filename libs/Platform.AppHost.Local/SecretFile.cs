using System.Security.Cryptography;

namespace Platform.AppHost.Local;

/// <summary>Secrets generated once and kept in files only their owner can read.</summary>
internal static class SecretFile
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    public static string ReadOrCreate(string path, Func<string> generate)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!, OwnerOnlyDirectory);
        var secret = generate();
        WriteOwnerOnly(path, secret);
        return secret;
    }

    public static void WriteOwnerOnly(string path, string content)
    {
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = OwnerOnlyFile,
        });
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }

    public static string RandomBase64(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    public static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
