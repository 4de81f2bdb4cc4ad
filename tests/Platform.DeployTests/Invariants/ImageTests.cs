using Platform.DeployTests.Rendering;

namespace Platform.DeployTests.Invariants;

/// <summary>The manifests run the images deploy/build-images.sh builds, whatever registry an overlay pushes them to.</summary>
public sealed class ImageTests(string overlay) : OverlayFixture(overlay)
{
    [Test]
    public async Task Every_platform_image_is_one_the_build_script_produces_and_each_is_used()
    {
        var built = await BuildScript.ImagesAsync();
        var platformImages = Rendered.Workloads.Where(workload => workload.Kind is "Deployment" or "Job")
            .SelectMany(workload => workload.Containers).Select(c => c.Image).Distinct().ToList();

        // registry.example.com/platform/gateway:1.0.0 is platform/gateway:1.0.0 pushed to a registry.
        var unknown = platformImages.Where(image => !built.Any(name => image == name || image.EndsWith("/" + name, StringComparison.Ordinal)));
        var unused = built.Where(name => !platformImages.Any(image => image == name || image.EndsWith("/" + name, StringComparison.Ordinal)));

        Assert.Multiple(() =>
        {
            Assert.That(built, Has.Count.EqualTo(4), "deploy/build-images.sh --list");
            Assert.That(unknown, Is.Empty, "images no build produces");
            Assert.That(unused, Is.Empty, "built images no workload runs");
        });
    }
}
