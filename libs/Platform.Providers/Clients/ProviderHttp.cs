using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Providers.Resilience;

namespace Platform.Providers.Clients;

/// <summary>
/// The HTTP plumbing shared by the hand-written provider clients: every transport or parse failure
/// leaves here as a classified <see cref="ProviderException"/>, never as an HttpRequestException or
/// JsonException. Cancellation of the caller's token is let through untouched, so that Polly's
/// per-attempt timeout and the caller's own cancellation keep their meaning.
/// </summary>
internal static class ProviderHttp
{
    /// <summary>An error body's first bytes are all we show (the message is truncated further anyway); the rest is never read.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    public static HttpRequestMessage PostJson(Uri url, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    /// <summary>
    /// Sends the request and returns the response once its headers have arrived and its status is a
    /// success; otherwise reads the error body with <paramref name="readError"/> and throws.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string model,
        Func<JsonElement, UpstreamError> readError, TimeProvider time, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw ProviderException.Unreachable(model, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Only the HttpClient's own timeout cancels without our token; treat it as a connection failure.
            throw ProviderException.Unreachable(model, e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var error = await ReadErrorAsync(response, readError, cancellationToken).ConfigureAwait(false);
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values)
                ? RetryAfter.Parse(values.FirstOrDefault(), time)
                : null;
            throw ProviderException.FromStatus(model, response.StatusCode, error.Message, retryAfter ?? error.RetryAfter);
        }
    }

    /// <summary>Reads a whole JSON body.</summary>
    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, string model, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException)
        {
            throw ProviderException.Malformed(model, "the body is not valid JSON");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw ProviderException.Unreachable(model, e);
        }
    }

    /// <summary>Parses one JSON document out of a stream line or event.</summary>
    public static JsonDocument ParseJson(string text, string model)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw ProviderException.Malformed(model, "a streamed chunk is not valid JSON");
        }
    }

    /// <summary>
    /// Reads the body line by line as it arrives (NDJSON and SSE both build on this). The next line is
    /// always being read while the caller holds the current one, so that cancelling the caller's token —
    /// or stopping early — cancels a read in flight, which makes the handler close the connection at once
    /// instead of draining an answer nobody wants: the upstream sees the request dropped.
    /// </summary>
    public static async IAsyncEnumerable<string> ReadLinesAsync(HttpResponseMessage response, string model,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Stream stream;
        try
        {
            stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw ProviderException.Unreachable(model, e);
        }

        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        Task<string?>? pending = null;
        try
        {
            pending = reader.ReadLineAsync(reading.Token).AsTask();
            while (true)
            {
                string? line;
                try
                {
                    line = await pending.ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    // A read cut short by the caller's cancellation is a cancellation, not an upstream failure.
                    cancellationToken.ThrowIfCancellationRequested();
                    throw ProviderException.Unreachable(model, e);
                }
                finally
                {
                    pending = null;
                }

                if (line is null)
                {
                    yield break;
                }

                pending = reader.ReadLineAsync(reading.Token).AsTask();
                yield return line;
            }
        }
        finally
        {
            if (pending is not null)
            {
                await reading.CancelAsync().ConfigureAwait(false);
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException or ObjectDisposedException)
                {
                    // The read was abandoned on purpose.
                }
            }
        }
    }

    /// <summary>Groups lines into server-sent events (`event:` and `data:` fields, dispatched on a blank line).</summary>
    public static async IAsyncEnumerable<ServerSentEvent> ReadEventsAsync(HttpResponseMessage response, string model,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? name = null;
        var data = new StringBuilder();
        var hasData = false;
        await foreach (var line in ReadLinesAsync(response, model, cancellationToken).ConfigureAwait(false))
        {
            if (line.Length == 0)
            {
                if (hasData)
                {
                    yield return new ServerSentEvent(name, data.ToString());
                }

                name = null;
                data.Clear();
                hasData = false;
                continue;
            }

            if (line[0] == ':')
            {
                continue; // comment / keep-alive
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            if (field == "event")
            {
                name = value;
            }
            else if (field == "data")
            {
                if (hasData)
                {
                    data.Append('\n');
                }

                data.Append(value);
                hasData = true;
            }
        }

        if (hasData)
        {
            yield return new ServerSentEvent(name, data.ToString());
        }
    }

    /// <summary>An object's string property, or null when absent or of another kind.</summary>
    public static string? StringProperty(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>An object's integer property, or null when absent or of another kind.</summary>
    public static long? IntegerProperty(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out var number)
            ? number
            : null;

    /// <summary>An object's number property, or null when absent or of another kind.</summary>
    public static double? NumberProperty(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;

    /// <summary>An object's object property, or null when absent or of another kind.</summary>
    public static JsonElement? ObjectProperty(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    /// <summary>An `error` field that is either a string or something else worth showing as text.</summary>
    public static string? ErrorText(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("error", out var error)
            ? error.ValueKind == JsonValueKind.String ? error.GetString()
            : error.ValueKind == JsonValueKind.Object && error.StringProperty("message") is { } message ? message
            : error.ToString()
            : null;

    private static async Task<UpstreamError> ReadErrorAsync(HttpResponseMessage response, Func<JsonElement, UpstreamError> readError,
        CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[MaxErrorBodyBytes];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var text = Encoding.UTF8.GetString(buffer, 0, read);
            if (string.IsNullOrWhiteSpace(text))
            {
                return default;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                return readError(document.RootElement);
            }
            catch (JsonException)
            {
                return new UpstreamError(text.Trim());
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return default;
        }
    }
}
