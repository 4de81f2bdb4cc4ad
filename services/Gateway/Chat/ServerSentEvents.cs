using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Providers.Resilience;

namespace Platform.Gateway.Chat;

/// <summary>
/// Writes an opened answer stream as server-sent events, `data: {json}` per event and `data: [DONE]`
/// at the end, flushing each so that the client sees tokens as they come. A failure after the first
/// piece becomes an error event in the API's own shape. The stream reads with the request's abort
/// token, so a client that disconnects cancels the upstream call.
/// </summary>
public sealed class ServerSentEvents(
    StartedAnswer stream,
    Func<StreamPiece, IEnumerable<object>> toEvents,
    Func<ProviderException, object> toError) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using var _ = stream;
        var json = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var aborted = httpContext.RequestAborted;
        try
        {
            await foreach (var piece in stream.ReadAllAsync())
            {
                foreach (var item in toEvents(piece))
                {
                    await WriteAsync(response, JsonSerializer.Serialize(item, item.GetType(), json), aborted);
                }
            }

            await WriteAsync(response, "[DONE]", aborted);
        }
        catch (ProviderException e)
        {
            var error = toError(e);
            await WriteAsync(response, JsonSerializer.Serialize(error, error.GetType(), json), aborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            // The client left; the upstream call was cancelled with it and accounted as cancelled.
        }
    }

    private static async Task WriteAsync(HttpResponse response, string data, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"data: {data}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
