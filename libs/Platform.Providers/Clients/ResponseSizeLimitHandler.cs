using Microsoft.Extensions.Options;

namespace Platform.Providers.Clients;

/// <summary>
/// Caps every provider answer in one place, whichever client reads it (ours, the OpenAI SDK, embeddings): a hostile or
/// broken upstream cannot make the platform buffer an endless body.
/// </summary>
internal sealed class ResponseSizeLimitHandler(IOptions<ProvidersOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var original = response.Content;
        var body = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var bounded = new StreamContent(new BoundedStream(body, options.Value.MaxResponseBytes));
        foreach (var header in original.Headers)
        {
            bounded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = bounded;
        return response;
    }
}
