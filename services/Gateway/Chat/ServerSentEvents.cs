using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Providers.Resilience;

namespace Platform.Gateway.Chat;

/// <summary>
/// An opened answer stream as the framework's server-sent events: `data: {json}` per event and `data: [DONE]` at the
/// end, each sent as it is written (the framework turns response buffering off). A failure after the first piece becomes
/// an error event in the API's own shape, and the stream ends without `[DONE]`. The stream reads with the request's abort
/// token, so a client that disconnects cancels the upstream call, and the exception handler drops the aborted request.
/// </summary>
public static class ServerSentEvents
{
    public const string Done = "[DONE]";

    public static ServerSentEventsResult<string> Of(HttpContext context, StartedAnswer stream,
        Func<StreamPiece, IEnumerable<object>> toEvents, Func<ProviderException, object> toError)
    {
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return TypedResults.ServerSentEvents(ItemsAsync(stream, piece => toEvents(piece).Select(Serialize), failure => Serialize(toError(failure))));

        string Serialize(object item) => JsonSerializer.Serialize(item, item.GetType(), json);
    }

    private static async IAsyncEnumerable<SseItem<string>> ItemsAsync(StartedAnswer stream, Func<StreamPiece, IEnumerable<string>> toEvents,
        Func<ProviderException, string> toError, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var _ = stream;
        await using var pieces = stream.ReadAllAsync().GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            // An iterator cannot yield inside a try with a catch, so the failure is carried out of it.
            string? failure = null;
            try
            {
                if (!await pieces.MoveNextAsync())
                {
                    break;
                }
            }
            catch (ProviderException e)
            {
                failure = toError(e);
            }

            if (failure is not null)
            {
                yield return new SseItem<string>(failure);
                yield break;
            }

            foreach (var data in toEvents(pieces.Current))
            {
                yield return new SseItem<string>(data);
            }
        }

        yield return new SseItem<string>(Done);
    }
}
