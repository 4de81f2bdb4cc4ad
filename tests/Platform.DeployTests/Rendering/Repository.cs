namespace Platform.DeployTests.Rendering;

/// <summary>Paths in the checkout these tests were built from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot(AppContext.BaseDirectory);

    public static string Deploy => Path.Combine(Root, "deploy");

    /// <summary>Every overlay under deploy/overlays, so that a new one is checked without touching the tests.</summary>
    public static IEnumerable<string> Overlays =>
        Directory.GetDirectories(Path.Combine(Deploy, "overlays")).Select(Path.GetFileName).OfType<string>().Order();

    private static string FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"Platform.sln not found above {start}.");
    }
}
