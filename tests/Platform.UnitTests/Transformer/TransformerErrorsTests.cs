using Microsoft.Extensions.Time.Testing;
using Platform.TransformerWorker.TransformerApi;

namespace Platform.UnitTests.Transformer;

public sealed class TransformerErrorsTests
{
    [Test]
    public void Seed_002_errors_are_stamped_by_the_injected_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));

        var error = TransformerErrors.Invalid(time, "text is required");

        Assert.That(error.StatusCode, Is.EqualTo(400));
        Assert.That(error.Value!.Timestamp, Is.EqualTo(new DateTime(2026, 12, 3, 8, 0, 0, DateTimeKind.Utc)));
        Assert.That(error.Value.Timestamp.Kind, Is.EqualTo(DateTimeKind.Utc));
    }
}
