using System.Text;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.OpenAi;

/// <summary>
/// A `/v1` server-sent event stream that checks each `data:` event against OpenAI's schemas as the reader gets to it (a
/// chunk, or an error event), so slow or abandoned streams are checked as far as they are read, without buffering them.
/// </summary>
public sealed class CheckedEventStream(Stream inner) : Stream
{
    private readonly MemoryStream _line = new();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Checked(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Checked(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _line.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Checked(ReadOnlySpan<byte> read)
    {
        foreach (var value in read)
        {
            if (value != (byte)'\n')
            {
                _line.WriteByte(value);
                continue;
            }

            var line = Encoding.UTF8.GetString(_line.GetBuffer(), 0, (int)_line.Length).TrimEnd('\r');
            _line.SetLength(0);
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line[6..] is var data && data != "[DONE]")
            {
                OpenAiSchema.Check(JsonNode.Parse(data)?["error"] is null ? OpenAiSchema.ChatCompletionChunk : OpenAiSchema.Error, data);
            }
        }

        return read.Length;
    }
}
