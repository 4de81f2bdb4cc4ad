using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Jobs.Callers;
using Platform.Jobs.Data;

namespace Platform.Jobs.OpenAiBatches;

/// <summary>Files in PostgreSQL: their rows, their chunks, and who may see them (non-admins only their own).</summary>
public sealed class FileStore(JobsDbContext db, TimeProvider time)
{
    public IQueryable<OpenAiFile> VisibleTo(Caller caller) =>
        db.Files.AsNoTracking().Where(file => caller.IsAdmin || file.Owner == caller.Owner);

    public Task<OpenAiFile?> FindAsync(string fileId, Caller caller, CancellationToken cancellationToken) =>
        VisibleTo(caller).SingleOrDefaultAsync(file => file.Id == fileId, cancellationToken);

    /// <summary>
    /// Adds a file row and gives the writer of its chunks; the caller saves the row's final size and commits, all in its
    /// own transaction, so that a failed upload leaves nothing behind.
    /// </summary>
    public async Task<(OpenAiFile File, FileChunkWriter Writer)> CreateAsync(string owner, string filename, string purpose, long maxBytes,
        CancellationToken cancellationToken)
    {
        var file = new OpenAiFile { Id = OpenAiFile.NewId(), Owner = owner, Filename = filename, Purpose = purpose, CreatedAt = time.GetUtcNow() };
        db.Files.Add(file);
        await db.SaveChangesAsync(cancellationToken);
        return (file, new FileChunkWriter((NpgsqlConnection)db.Database.GetDbConnection(), file.Id, maxBytes));
    }

    /// <summary>A file's bytes chunk by chunk, read one row at a time.</summary>
    public async IAsyncEnumerable<byte[]> ReadAsync(string fileId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var select = new NpgsqlCommand("SELECT data FROM jobs.file_chunks WHERE file_id = $1 ORDER BY part",
                (NpgsqlConnection)db.Database.GetDbConnection());
            select.Parameters.Add(new NpgsqlParameter { Value = fileId });
            await using var reader = await select.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return await reader.GetFieldValueAsync<byte[]>(0, cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A file's bytes as a stream, read chunk by chunk as the reader goes; dispose it to release the connection.</summary>
    public Stream OpenRead(string fileId, CancellationToken cancellationToken) => new ChunkStream(ReadAsync(fileId, cancellationToken), cancellationToken);

    public async Task<bool> DeleteAsync(string fileId, Caller caller, CancellationToken cancellationToken) =>
        await db.Files.Where(file => file.Id == fileId && (caller.IsAdmin || file.Owner == caller.Owner))
            .ExecuteDeleteAsync(cancellationToken) > 0;
}
