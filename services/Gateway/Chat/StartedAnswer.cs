namespace Platform.Gateway.Chat;

/// <summary>
/// A stream whose first piece has already arrived. A call that fails before answering (429, 503,
/// unknown model) fails in <see cref="OpenAsync"/>, while the HTTP status can still say so; only
/// failures after the first piece have to travel inside the stream.
/// </summary>
public sealed class StartedAnswer : IAsyncDisposable
{
    private readonly IAsyncEnumerator<StreamPiece> _pieces;
    private readonly bool _hasFirst;

    private StartedAnswer(IAsyncEnumerator<StreamPiece> pieces, bool hasFirst)
    {
        _pieces = pieces;
        _hasFirst = hasFirst;
    }

    public static async Task<StartedAnswer> OpenAsync(IAsyncEnumerable<StreamPiece> pieces)
    {
        var enumerator = pieces.GetAsyncEnumerator();
        try
        {
            return new StartedAnswer(enumerator, await enumerator.MoveNextAsync());
        }
        catch
        {
            await enumerator.DisposeAsync();
            throw;
        }
    }

    public async IAsyncEnumerable<StreamPiece> ReadAllAsync()
    {
        if (!_hasFirst)
        {
            yield break;
        }

        yield return _pieces.Current;
        while (await _pieces.MoveNextAsync())
        {
            yield return _pieces.Current;
        }
    }

    public ValueTask DisposeAsync() => _pieces.DisposeAsync();
}
