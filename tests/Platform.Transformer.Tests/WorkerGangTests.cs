using Platform.Transformer.Kernels;

namespace Platform.Transformer.Tests;

public class WorkerGangTests
{
    private WorkerGang _gang = null!;

    [SetUp]
    public void StartGang() => _gang = new WorkerGang(WorkerGang.MaxThreads);

    [TearDown]
    public void EndGang() => _gang.Dispose();

    [Test]
    public void Every_item_of_every_loop_runs_exactly_once()
    {
        using var scope = Parallelism.Use(_gang);
        for (int loop = 0; loop < 200; loop++)
        {
            if (loop % 10 == 0) Thread.Sleep(2);   // long enough for the gang's workers to fall asleep
            var runs = new int[37];
            Parallelism.For(runs.Length, 1_000_000, item => Interlocked.Increment(ref runs[item]));
            Assert.That(runs, Is.All.EqualTo(1), $"loop {loop}");
        }
    }

    [Test]
    public void Loops_started_from_several_threads_at_once_all_complete()
    {
        // Only one loop holds the gang at a time; the others run on the thread pool, and so do nested loops.
        var sums = new long[8];
        Parallel.For(0, sums.Length, caller =>
        {
            using var scope = Parallelism.Use(_gang);
            Parallelism.For(16, 1_000_000, item =>
                Parallelism.For(4, 1_000_000, inner => Interlocked.Add(ref sums[caller], item * 4 + inner)));
        });
        Assert.That(sums, Is.All.EqualTo(Enumerable.Range(0, 64).Sum()));
    }

    [Test]
    public void An_exception_in_an_item_reaches_the_caller_and_the_gang_stays_usable()
    {
        using var scope = Parallelism.Use(_gang);
        var error = Assert.Throws<AggregateException>(() =>
            Parallelism.For(8, 1_000_000, item => { if (item == 5) throw new InvalidOperationException("item 5"); }));
        Assert.That(error!.InnerExceptions.Select(inner => inner.Message), Does.Contain("item 5"));

        int count = 0;
        Parallelism.For(8, 1_000_000, _ => Interlocked.Increment(ref count));
        Assert.That(count, Is.EqualTo(8));
    }

    [Test]
    public void A_gang_has_at_most_one_thread_per_other_core_and_after_disposal_loops_use_the_thread_pool()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerGang(Environment.ProcessorCount).Dispose());

        _gang.Dispose();
        using var scope = Parallelism.Use(_gang);
        int count = 0;
        Parallelism.For(8, 1_000_000, _ => Interlocked.Increment(ref count));
        Assert.That(count, Is.EqualTo(8));
    }
}
