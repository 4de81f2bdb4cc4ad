using Npgsql;
using NpgsqlTypes;

namespace Platform.Jobs.OpenAiBatches;

/// <summary>Appends a file's bytes as 1 MiB chunk rows, on the connection (and in the transaction) of the caller's context.</summary>
public sealed class FileChunkWriter(NpgsqlConnection connection, string fileId, long maxBytes)
{
    public const int ChunkSize = 1 << 20;

    private readonly byte[] _buffer = new byte[ChunkSize];
    private int _buffered;
    private int _part;

    public long Bytes { get; private set; }

    /// <summary>False, writing nothing more, once the file would be longer than its limit.</summary>
    public async Task<bool> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        Bytes += data.Length;
        if (Bytes > maxBytes)
        {
            return false;
        }

        while (!data.IsEmpty)
        {
            var taken = Math.Min(data.Length, ChunkSize - _buffered);
            data.Span[..taken].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += taken;
            data = data[taken..];
            if (_buffered == ChunkSize)
            {
                await FlushAsync(cancellationToken);
            }
        }

        return true;
    }

    public async Task<bool> CopyFromAsync(Stream content, CancellationToken cancellationToken)
    {
        var block = new byte[64 * 1024];
        int read;
        while ((read = await content.ReadAsync(block, cancellationToken)) > 0)
        {
            if (!await WriteAsync(block.AsMemory(0, read), cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_buffered == 0)
        {
            return;
        }

        await using var insert = new NpgsqlCommand("INSERT INTO jobs.file_chunks (file_id, part, data) VALUES ($1, $2, $3)", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = fileId, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = _part++, NpgsqlDbType = NpgsqlDbType.Integer });
        insert.Parameters.Add(new NpgsqlParameter { Value = new ArraySegment<byte>(_buffer, 0, _buffered), NpgsqlDbType = NpgsqlDbType.Bytea });
        await insert.ExecuteNonQueryAsync(cancellationToken);
        _buffered = 0;
    }
}
