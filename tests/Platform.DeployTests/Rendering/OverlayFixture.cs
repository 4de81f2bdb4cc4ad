namespace Platform.DeployTests.Rendering;

/// <summary>Tests that run once per overlay under deploy/overlays, on its rendering.</summary>
[TestFixtureSource(typeof(Repository), nameof(Repository.Overlays))]
public abstract class OverlayFixture(string overlay)
{
    protected RenderedOverlay Rendered { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task Render() => Rendered = await RenderedOverlay.LoadAsync(overlay);
}
