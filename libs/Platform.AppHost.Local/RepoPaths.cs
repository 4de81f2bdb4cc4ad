using System.Reflection;

namespace Platform.AppHost.Local;

/// <summary>Locations inside the repository, wherever it is checked out.</summary>
public static class RepoPaths
{
    private const string SolutionFile = "Platform.sln";
    private const string TargetFramework = "net10.0";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The directory holding Platform.sln, searched upward from this assembly, then from the working directory.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The built service assembly, from the same build configuration as this assembly.</summary>
    public static string ServiceAssembly(string projectDir, string assemblyName)
    {
        var configuration = typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        return Path.Combine(Root, projectDir, "bin", configuration, TargetFramework, assemblyName + ".dll");
    }

    private static string FindRoot() =>
        FindUpward(AppContext.BaseDirectory)
        ?? FindUpward(Directory.GetCurrentDirectory())
        ?? throw new InvalidOperationException(
            $"{SolutionFile} not found above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}.");

    private static string? FindUpward(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
