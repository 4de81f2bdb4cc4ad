namespace Platform.Jobs.OpenAiBatches;

/// <summary>A read-only stream over a file's chunks, fetching the next chunk only when the reader has used up the last.</summary>
public sealed class ChunkStream(IAsyncEnumerable<byte[]> chunks, CancellationToken cancellationToken) : Stream
{
    private readonly IAsyncEnumerator<byte[]> _chunks = chunks.GetAsyncEnumerator(cancellationToken);
    private byte[] _current = [];
    private int _offset;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_offset == _current.Length)
        {
            if (!await _chunks.MoveNextAsync())
            {
                return 0;
            }

            _current = _chunks.Current;
            _offset = 0;
        }

        var count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously");

    public override async ValueTask DisposeAsync()
    {
        await _chunks.DisposeAsync();
        await base.DisposeAsync();
    }

    public override void Flush() => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
