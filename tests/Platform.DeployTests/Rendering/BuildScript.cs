using CliWrap;
using CliWrap.Buffered;

namespace Platform.DeployTests.Rendering;

/// <summary>What deploy/build-images.sh says it builds (`--list`), as repository:tag.</summary>
public static class BuildScript
{
    private static readonly Lazy<Task<IReadOnlyList<string>>> LazyImages = new(ListAsync);

    public static Task<IReadOnlyList<string>> ImagesAsync() => LazyImages.Value;

    private static async Task<IReadOnlyList<string>> ListAsync()
    {
        var result = await Cli.Wrap(Path.Combine(Repository.Deploy, "build-images.sh")).WithArguments("--list").ExecuteBufferedAsync();
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
