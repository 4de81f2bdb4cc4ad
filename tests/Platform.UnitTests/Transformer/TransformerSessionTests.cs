using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Transformer;
using Platform.Transformer.Kernels;
using Platform.TransformerWorker.Models;
using Platform.TransformerWorker.TransformerApi;

namespace Platform.UnitTests.Transformer;

/// <summary>Replicas follow each other's initializations and agree on the latest, whatever order the events arrive in.</summary>
public sealed class TransformerSessionTests
{
    private static TransformerConfig Config(int layers) => new() { VocabSize = 512, ContextSize = 64, NLayer = layers, NHead = 4, NEmbed = 64 };

    private static TransformerSession Replica(TimeProvider clock, double maxMemoryGb = 1) =>
        new(new ModelCache(Options.Create(new TransformerOptions { MaxMemoryGb = maxMemoryGb }), clock, new WorkerGang(0), NullLogger<ModelCache>.Instance),
            Options.Create(new TransformerOptions()), clock);

    [Test]
    public async Task A_peers_initialization_makes_its_model_current_with_the_peers_seed()
    {
        var replica = Replica(new FakeTimeProvider());

        var changed = await replica.FollowAsync(new TransformerModelInitialized(Config(2).ToJson(), 7, DateTimeOffset.UnixEpoch), CancellationToken.None);

        Assert.That(changed, Is.True);
        Assert.That(replica.Current, Is.EqualTo(LocalModelDefinition.FromConfig(Config(2), 7)));
        Assert.That(await replica.GetModelAsync(CancellationToken.None), Is.Not.Null);
    }

    [Test]
    public async Task Replicas_that_hear_two_initializations_in_opposite_orders_agree_on_the_later()
    {
        var (clockA, clockB) = (new FakeTimeProvider(), new FakeTimeProvider());
        var (replicaA, replicaB) = (Replica(clockA), Replica(clockB));
        clockB.Advance(TimeSpan.FromSeconds(1));
        var earlier = await replicaA.InitializeAsync(Config(1), CancellationToken.None);
        var later = await replicaB.InitializeAsync(Config(2), CancellationToken.None);

        // Each replica hears its own event and the other's, in the opposite order.
        foreach (var initialized in new[] { earlier, later })
        {
            await replicaA.FollowAsync(initialized, CancellationToken.None);
        }

        foreach (var initialized in new[] { earlier, later }.Reverse())
        {
            await replicaB.FollowAsync(initialized, CancellationToken.None);
        }

        Assert.That(replicaA.Current!.Config.NLayer, Is.EqualTo(2));
        Assert.That(replicaB.Current, Is.EqualTo(replicaA.Current));
    }

    [Test]
    public async Task Replicas_that_initialize_at_the_same_instant_agree_all_the_same()
    {
        var clock = new FakeTimeProvider();
        var (replicaA, replicaB) = (Replica(clock), Replica(clock));
        var fromA = await replicaA.InitializeAsync(Config(1), CancellationToken.None);
        var fromB = await replicaB.InitializeAsync(Config(2), CancellationToken.None);

        await replicaA.FollowAsync(fromB, CancellationToken.None);
        await replicaB.FollowAsync(fromA, CancellationToken.None);

        Assert.That(fromB.InitializedAt, Is.EqualTo(fromA.InitializedAt));
        Assert.That(replicaB.Current, Is.EqualTo(replicaA.Current));
    }

    [Test]
    public async Task A_local_initialization_wins_even_over_a_peer_whose_clock_runs_ahead()
    {
        var replica = Replica(new FakeTimeProvider());
        var future = DateTimeOffset.UtcNow.AddYears(100);
        await replica.FollowAsync(new TransformerModelInitialized(Config(1).ToJson(), 1, future), CancellationToken.None);

        var initialized = await replica.InitializeAsync(Config(2), CancellationToken.None);

        Assert.That(replica.Current!.Config.NLayer, Is.EqualTo(2));
        Assert.That(initialized.InitializedAt, Is.GreaterThan(future), "so that the peers take it too");
    }

    [Test]
    public async Task A_replica_that_cannot_hold_a_peers_model_becomes_uninitialized_rather_than_answer_with_an_older_one()
    {
        var clock = new FakeTimeProvider();
        var replica = Replica(clock, maxMemoryGb: 2.0 * LocalModelDefinition.FromConfig(Config(1), 1).MemoryBytes / (1024.0 * 1024 * 1024));
        await replica.InitializeAsync(Config(1), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));

        var tooLarge = new TransformerModelInitialized((Config(1) with { NEmbed = 256 }).ToJson(), 1, clock.GetUtcNow());

        Assert.ThrowsAsync<ModelTooLargeException>(() => replica.FollowAsync(tooLarge, CancellationToken.None));
        Assert.That(replica.Current, Is.Null);
        Assert.That(await replica.GetModelAsync(CancellationToken.None), Is.Null);
    }
}
