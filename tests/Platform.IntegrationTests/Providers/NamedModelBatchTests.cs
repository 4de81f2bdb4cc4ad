using Microsoft.Extensions.DependencyInjection;
using Platform.Providers.Prediction;
using Platform.Providers.Routing;

namespace Platform.IntegrationTests.Providers;

/// <summary>
/// The ProviderWorker's path for an item naming a registered model: <see cref="Predictor"/> with
/// <see cref="RouteTarget.Named"/> in batch mode, on a catalog filled as the registry fills it.
/// </summary>
public sealed class NamedModelBatchTests : RoutingFixture
{
    [Test]
    public async Task Every_item_of_a_batch_is_answered_when_its_primary_model_fails_over_to_the_fallback()
    {
        var (primary, backup, _, answering) = await DeployWithFallbackAsync();
        primary.Respond = _ => UpstreamReply.Error(503, "overloaded");
        var predictor = Services.GetRequiredService<Predictor>();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(index =>
            predictor.PredictAsync(RouteTarget.Named("primary"), $"task {index}", Policy(retries: 1), CallMode.Batch, CancellationToken.None)));

        Assert.That(results.Select(result => result.AnsweredBy), Is.All.EqualTo(answering.Target.DisplayName));
        Assert.That(results.Select(result => result.Prediction?.GetProperty("sentiment").GetString()), Is.All.EqualTo("positive"));
        Assert.That(backup.Calls.Select(call => call.Prompt).Order(),
            Is.EqualTo(Enumerable.Range(0, 20).Select(index => $"Sentiment as JSON: task {index}").Order()), "rendered with the model's template");
        Assert.That(primary.Calls.Count, Is.LessThan(40), "the primary's circuit opened instead of retrying every item");
    }
}
