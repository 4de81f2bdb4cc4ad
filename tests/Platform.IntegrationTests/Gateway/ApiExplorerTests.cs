using System.Net;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Gateway;

/// <summary>The API explorer: the OpenAPI document and the Swagger UI page that shows it.</summary>
public sealed class ApiExplorerTests
{
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;

    [Test]
    public async Task The_explorer_page_and_its_openapi_document_are_served()
    {
        using var page = await Gateway.GetAsync("/swagger"); // redirected to its index.html
        using var document = await Gateway.GetAsync("/openapi/v1.json");

        Assert.That(page.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/swagger/index.html"));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("swagger-ui"));
        Assert.That(document.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(JsonNode.Parse(await document.Content.ReadAsStringAsync())!["paths"]!["/v1/chat/completions"], Is.Not.Null);
    }
}
