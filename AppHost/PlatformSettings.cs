using Platform.AppHost.Local;

namespace Platform.AppHost;

/// <summary>The app model's settings: section <c>Platform</c> of appsettings.json, the environment (<c>Platform__...</c>) or the command line.</summary>
public sealed class PlatformSettings
{
    public const string Section = "Platform";

    /// <summary>Where the servers keep their data between runs; .platform/ in the repository unless set.</summary>
    public string? DataDirectory { get; set; }

    public Uri GatewayUrl { get; set; } = new("http://localhost:8000");

    public int ProviderWorkerReplicas { get; set; } = 2;

    public int TransformerWorkerReplicas { get; set; } = 1;

    public bool RunDemo { get; set; } = true;

    /// <summary>Stop everything once the demo has printed; the exit code says whether its job completed.</summary>
    public bool ExitAfterDemo { get; set; }

    public string DataRoot => DataDirectory is { Length: > 0 } directory ? Path.GetFullPath(directory) : Path.Combine(RepoPaths.Root, ".platform");
}
