using System.Net;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// A `user` key calls models and manages its own tasks and jobs; everything that manages the platform
/// answers it 403 in the API's own error shape. Walks every operation of the OpenAPI document.
/// </summary>
public sealed class RolesTests
{
    /// <summary>What only admins may do, written out here independently of the Gateway's own list.</summary>
    private static readonly string[] AdminOperations =
    [
        "PUT /api/llm/config/models/{model_id}", "GET /api/llm/config/load-balancing", "PUT /api/llm/config/load-balancing",
        "PUT /api/v1/llm/config/models/{model_id}", "GET /api/v1/llm/config/load-balancing", "PUT /api/v1/llm/config/load-balancing",
        "GET /api/llm/keys", "POST /api/llm/keys", "DELETE /api/llm/keys/{key_id}",
        "GET /api/v1/llm/keys", "POST /api/v1/llm/keys", "DELETE /api/v1/llm/keys/{key_id}",
        "POST /api/v1/ai/models/register", "DELETE /api/v1/ai/cache", "GET /api/v1/ai/cache/entries", "POST /api/v1/ai/cache/purge-expired",
        "GET /api/v1/initialize",
        "GET /api/v1/admin/queues", "POST /api/v1/admin/queues/{queue}/replay",
        "DELETE /inference/cache/models/{key}", "PUT /inference/cache/config", "POST /inference/clear-cache", "POST /inference/models/preload",
    ];

    private SecuredGateways _gateway = null!;
    private string _userKey = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _gateway = await SecuredGateways.StartAsync("gateway_roles", extra: SecuredGateways.Unthrottled);
        _userKey = (await _gateway.CreateKeyAsync("roles-walker")).Key;
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _gateway.DisposeAsync();

    [Test]
    public async Task A_user_key_gets_403_on_every_admin_route_and_on_no_other()
    {
        var operations = await _gateway.OperationsAsync();
        var problems = new List<string>();
        foreach (var operation in operations)
        {
            using var request = new HttpRequestMessage(operation.Method, operation.PathWith("roles-probe"));
            request.Headers.Add("X-API-Key", _userKey);
            if (operation.HasBody)
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await _gateway.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var admin = AdminOperations.Contains(NormalizedName(operation), StringComparer.Ordinal);
            if (admin && response.StatusCode != HttpStatusCode.Forbidden)
            {
                problems.Add($"{operation}: admin route answered a user key {(int)response.StatusCode}");
            }
            else if (admin && ErrorShapes.Problem(operation.Template, body) is { } shape)
            {
                problems.Add($"{operation}: 403 {shape}");
            }
            else if (!admin && response.StatusCode == HttpStatusCode.Forbidden)
            {
                problems.Add($"{operation}: user route refused a user key: {body}");
            }
        }

        TestContext.Progress.WriteLine($"walked {operations.Count} operations with a user key");
        Assert.That(operations.Select(NormalizedName), Is.SupersetOf(AdminOperations), "every admin operation is in the document");
        Assert.That(problems, Is.Empty);
    }

    private static string NormalizedName(OpenApiOperation operation) => $"{operation.Method} {operation.Template.TrimEnd('/')}";
}
