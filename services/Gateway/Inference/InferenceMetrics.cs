using System.Collections.Concurrent;

namespace Platform.Gateway.Inference;

/// <summary>
/// This Gateway replica's `/inference` figures since it started, by task and by engine (usage and cost of
/// every call are kept in the `llm` database, like every other call's). Names are only those the platform
/// knows, so that callers cannot grow the tables.
/// </summary>
public sealed class InferenceMetrics
{
    /// <summary>Stands for a task or engine that the request named wrongly or not at all.</summary>
    public const string Unknown = "unknown";

    private readonly ConcurrentDictionary<string, Tally> _byTask = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Tally> _byEngine = new(StringComparer.Ordinal);
    private readonly Tally _all = new();

    public void Record(string task, string engine, TimeSpan elapsed, bool success)
    {
        foreach (var tally in (Tally[])[_all, _byTask.GetOrAdd(task, _ => new Tally()), _byEngine.GetOrAdd(engine, _ => new Tally())])
        {
            tally.Add(elapsed, success);
        }
    }

    public InferenceCounts Total => _all.Counts();

    public IReadOnlyDictionary<string, InferenceCounts> ByTask => Snapshot(_byTask);

    public IReadOnlyDictionary<string, InferenceCounts> ByEngine => Snapshot(_byEngine);

    private static SortedDictionary<string, InferenceCounts> Snapshot(ConcurrentDictionary<string, Tally> tallies) =>
        new(tallies.ToDictionary(pair => pair.Key, pair => pair.Value.Counts()), StringComparer.Ordinal);

    private sealed class Tally
    {
        private long _requests, _errors, _ticks;

        public void Add(TimeSpan elapsed, bool success)
        {
            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _ticks, elapsed.Ticks);
            if (!success)
            {
                Interlocked.Increment(ref _errors);
            }
        }

        public InferenceCounts Counts()
        {
            var requests = Interlocked.Read(ref _requests);
            var errors = Interlocked.Read(ref _errors);
            return new InferenceCounts(requests, errors, requests == 0 ? 0 : Math.Round((double)errors / requests, 4),
                requests == 0 ? 0 : Math.Round(TimeSpan.FromTicks(Interlocked.Read(ref _ticks)).TotalMilliseconds / requests, 1));
        }
    }
}
