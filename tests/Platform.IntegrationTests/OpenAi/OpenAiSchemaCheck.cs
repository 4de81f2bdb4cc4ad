namespace Platform.IntegrationTests.OpenAi;

/// <summary>
/// Checks every whole `/v1` JSON answer against <see cref="OpenAiSchema"/> before a test (or an SDK) reads it, and every event
/// of a streamed one as it is read.
/// </summary>
public sealed class OpenAiSchemaCheck() : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType == "application/json"
            && OpenAiSchema.DefinitionFor(request.RequestUri!.AbsolutePath, response.IsSuccessStatusCode) is { } definition)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            OpenAiSchema.Check(definition, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        else if (response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            && request.RequestUri!.AbsolutePath.StartsWith("/v1/", StringComparison.Ordinal))
        {
            var streamed = new StreamContent(new CheckedEventStream(await response.Content.ReadAsStreamAsync(cancellationToken)));
            foreach (var header in response.Content.Headers)
            {
                streamed.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = streamed;
        }

        return response;
    }
}
