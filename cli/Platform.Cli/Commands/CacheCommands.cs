using System.CommandLine;
using Platform.Cli.Gateway;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>`platform cache stats|clean-expired|clean-all|show-details`: seed 004's cache manager over the platform's prediction cache.</summary>
public static class CacheCommands
{
    public static Command Create(CliContext context, GlobalOptions global) =>
        new("cache", "Inspect and clean the prediction cache (admin key)")
        {
            Subcommands = { Stats(context, global), CleanExpired(context, global), CleanAll(context, global), ShowDetails(context, global) },
        };

    private static Command Stats(CliContext context, GlobalOptions global)
    {
        var command = new Command("stats", "Entries (valid and expired), hits, misses, hit rate and size of the cache");
        command.SetGatewayAction(context, global, async (_, gateway, cancellationToken) =>
        {
            var stats = await gateway.GetCacheStatsAsync(cancellationToken);
            var table = new Table().AddColumns("valid entries", "expired entries", "hits", "misses", "hit rate", "size", "oldest", "newest");
            table.AddRow($"{stats.TotalEntries}", $"{stats.ExpiredEntries}", $"{stats.CacheHits}", $"{stats.CacheMisses}", $"{stats.HitRate:P1}",
                stats.MemoryUsage, Display.Time(stats.OldestEntry), Display.Time(stats.NewestEntry));
            context.Out.Write(table);
            return 0;
        });
        return command;
    }

    private static Command CleanExpired(CliContext context, GlobalOptions global) =>
        Reporting(context, global, "clean-expired", "Delete the expired entries now",
            async (gateway, cancellationToken) => (await gateway.PurgeExpiredCacheAsync(cancellationToken)).Message);

    private static Command CleanAll(CliContext context, GlobalOptions global) =>
        Reporting(context, global, "clean-all", "Delete every entry and restart the hit and miss counts",
            async (gateway, cancellationToken) => (await gateway.ClearCacheAsync(cancellationToken)).Message);

    /// <summary>A command that makes one change and prints the Gateway's message about it.</summary>
    private static Command Reporting(CliContext context, GlobalOptions global, string name, string description,
        Func<GatewayClient, CancellationToken, Task<string>> change)
    {
        var command = new Command(name, description);
        command.SetGatewayAction(context, global, async (_, gateway, cancellationToken) =>
        {
            context.Out.MarkupLineInterpolated($"{await change(gateway, cancellationToken)}");
            return 0;
        });
        return command;
    }

    private static Command ShowDetails(CliContext context, GlobalOptions global)
    {
        var limit = new Option<int>("--limit") { Description = "How many entries to show", DefaultValueFactory = _ => 20 };
        var offset = new Option<int>("--offset") { Description = "How many of the newest entries to skip", DefaultValueFactory = _ => 0 };
        var command = new Command("show-details", "List entries newest first: key, created, expires, size and the start of the answer") { limit, offset };
        command.SetGatewayAction(context, global, async (parse, gateway, cancellationToken) =>
        {
            var list = await gateway.ListCacheEntriesAsync(parse.GetValue(offset), parse.GetValue(limit), cancellationToken);
            var table = new Table().AddColumns("key", "created", "expires", "state", "size", "model version", "answer");
            foreach (var entry in list.Entries)
            {
                table.AddRow(Markup.Escape(entry.Key[..Math.Min(entry.Key.Length, 16)]), Display.Time(entry.CreatedAt), Display.Time(entry.ExpiresAt),
                    entry.Expired ? "expired" : "valid", $"{entry.SizeBytes} B", Markup.Escape(entry.ModelVersion ?? Display.Nothing),
                    Markup.Escape(entry.AnswerPreview));
            }

            context.Out.Write(table);
            context.Out.MarkupLineInterpolated($"{list.Entries.Count} of {list.Total} entries");
            return 0;
        });
        return command;
    }
}
