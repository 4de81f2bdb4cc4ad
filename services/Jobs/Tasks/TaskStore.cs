using Platform.Contracts.Http.Tasks;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Jobs.Callers;
using Platform.Jobs.Data;

namespace Platform.Jobs.Tasks;

/// <summary>Imports tasks idempotently by (owner, id) (re-importing an id updates the caller's own task) and reads them back.</summary>
public sealed class TaskStore(JobsDbContext db, TimeProvider time)
{
    /// <summary>One round trip for the whole import; `xmax = 0` tells rows inserted from rows updated.</summary>
    public async Task<TasksImported> ImportAsync(IReadOnlyList<TaskImport> tasks, Caller caller, CancellationToken cancellationToken)
    {
        var ids = tasks.Select(task => task.Id ?? Guid.NewGuid().ToString()).ToArray();
        var contents = tasks.Select(task => task.Content!).ToArray();
        var metadata = tasks.Select(task => task.Metadata is { ValueKind: not JsonValueKind.Null } value ? value.GetRawText() : null).ToArray();
        var now = time.GetUtcNow();
        var created = await db.Database.SqlQuery<bool>($"""
            INSERT INTO jobs.tasks (id, owner, content, metadata, created_at, updated_at)
            SELECT id, {caller.Owner}, content, metadata::jsonb, {now}, {now}
            FROM unnest({ids}, {contents}, {metadata}) AS imported(id, content, metadata)
            ON CONFLICT (owner, id) DO UPDATE
                SET content = EXCLUDED.content, metadata = EXCLUDED.metadata, updated_at = EXCLUDED.updated_at
            RETURNING (xmax = 0) AS "Value"
            """).ToListAsync(cancellationToken);
        var createdCount = created.Count(inserted => inserted);
        return new TasksImported(ids.Length, createdCount, ids.Length - createdCount, ids);
    }

    /// <summary>The caller's task with that id; an admin, who sees every owner's, gets its own first.</summary>
    public async Task<TaskView?> GetAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().VisibleTo(caller).Where(task => task.Id == id)
            .OrderBy(task => task.Owner != caller.Owner).FirstOrDefaultAsync(cancellationToken);
        return task is null
            ? null
            : new TaskView(task.Id, task.Content, task.Metadata is null ? null : JsonSerializer.Deserialize<JsonElement>(task.Metadata),
                task.CreatedAt.UtcDateTime, task.UpdatedAt.UtcDateTime);
    }
}
