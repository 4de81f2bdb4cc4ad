using System.Text;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// Every operation of the OpenAPI document, sent what a hostile or broken client sends: malformed JSON,
/// wrong types, huge bodies, deep nesting, NUL and lone surrogates in string fields, numeric extremes,
/// unknown fields, bad UTF-8 in the path, query and headers. No answer is a 5xx, and every refusal is in
/// the documented error shape of the API called.
/// </summary>
public sealed class HostileInputTests
{
    private const int HugeBodyBytes = 2 << 20;

    /// <summary>
    /// The one case Kestrel refuses itself, with an empty 400, before any middleware runs: a path whose escapes decode to
    /// NUL or to bytes that are not UTF-8 is a malformed request line, and Kestrel offers no hook to shape that answer.
    /// </summary>
    private const string BadPathBytes = "bad UTF-8 and NUL in the path";

    /// <summary>Fields the seeds' requests use, for bodies the document does not describe field by field.</summary>
    private static readonly Dictionary<string, string> CommonFields = new()
    {
        ["model"] = "string", ["content"] = "string", ["text"] = "string", ["task"] = "string", ["inputs"] = "string",
        ["messages"] = "array", ["task_ids"] = "array", ["name"] = "string", ["max_tokens"] = "integer", ["temperature"] = "number",
    };

    private SecuredGateways _gateway = null!;
    private HttpClient _rawHeaders = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _gateway = await SecuredGateways.StartAsync("gateway_hostile", extra: SecuredGateways.Unthrottled);
        // Header values go out byte for byte (Latin-1), so that invalid UTF-8 reaches the server as it would from a raw socket.
        _rawHeaders = new HttpClient(new SocketsHttpHandler { UseProxy = false, RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1 })
        {
            BaseAddress = _gateway.Client.BaseAddress,
            Timeout = TimeSpan.FromSeconds(15),
        };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _rawHeaders?.Dispose();
        await _gateway.DisposeAsync();
    }

    [Test]
    public async Task Every_route_refuses_hostile_input_with_a_4xx_in_its_own_shape()
    {
        var operations = await _gateway.OperationsAsync();
        var problems = new List<string>();
        var sent = 0;
        var serverErrors = 0;
        foreach (var operation in operations)
        {
            foreach (var (name, build) in Cases(operation))
            {
                using var request = build();
                request.Headers.TryAddWithoutValidation("X-API-Key", SecuredGateways.AdminKey);
                sent++;
                var (status, body) = await SendAsync(request);
                serverErrors += status >= 500 ? 1 : 0;
                if (status is null)
                {
                    problems.Add($"{operation} [{name}]: no answer: {body}");
                }
                else if (status >= 500)
                {
                    problems.Add($"{operation} [{name}]: {status} {body[..Math.Min(body.Length, 300)]}");
                }
                else if (status >= 400 && !(name == BadPathBytes && status == 400 && body.Length == 0)
                    && ErrorShapes.Problem(operation.Template, body) is { } shape)
                {
                    problems.Add($"{operation} [{name}]: {status} {shape}");
                }
            }
        }

        TestContext.Progress.WriteLine(
            $"hostile-input suite: {sent} requests over {operations.Count} operations, {serverErrors} answered 5xx, {problems.Count} problems");
        Assert.That(serverErrors, Is.Zero, "answers with a 5xx status");
        Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems));
    }

    /// <summary>The status and body, or no status and why there was no answer (the connection closed without one).</summary>
    private async Task<(int? Status, string Body)> SendAsync(HttpRequestMessage request)
    {
        try
        {
            using var response = await _rawHeaders.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException e)
        {
            return (null, e.InnerException?.Message ?? e.Message);
        }
        catch (TaskCanceledException)
        {
            return (null, $"no answer within {_rawHeaders.Timeout.TotalSeconds} s");
        }
    }

    private static IEnumerable<(string Name, Func<HttpRequestMessage> Build)> Cases(OpenApiOperation operation)
    {
        var path = operation.PathWith("probe");
        yield return (BadPathBytes, () => new HttpRequestMessage(operation.Method, HostilePath(operation, "%FF%FE%00%ED%A0%80")));
        yield return ("a very long path segment", () => new HttpRequestMessage(operation.Method, HostilePath(operation, new string('a', 4000))));
        yield return ("bad UTF-8, NUL and extremes in the query", () => new HttpRequestMessage(operation.Method,
            path + "?limit=%FF%FE&offset=-99999999999999999999&model=%00&model_type=%ED%A0%80&config=%7B%22n_layer%22%3A1e309%7D"
            + "&start_date=%C0%80&end_date=9999-99-99&window_minutes=1e309&model_name=" + new string('x', 3000)));
        yield return ("bad UTF-8 in headers", () =>
        {
            var request = new HttpRequestMessage(operation.Method, path);
            request.Headers.TryAddWithoutValidation("X-Request-Id", "\u00ff\u00fe\u00c0\u0080");
            request.Headers.TryAddWithoutValidation("Idempotency-Key", "\u00ff\u00fe");
            request.Headers.TryAddWithoutValidation("Accept-Language", "\u00ff");
            return request;
        });
        if (!operation.HasBody)
        {
            yield break;
        }

        var fields = operation.BodyProperties.Count > 0 ? operation.BodyProperties : CommonFields;
        foreach (var (name, json) in Bodies(fields))
        {
            yield return (name, () => new HttpRequestMessage(operation.Method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        }

        yield return ("invalid UTF-8 bytes in a string", () => new HttpRequestMessage(operation.Method, path)
        {
            Content = Bytes([.. "{\"content\": \"a"u8, 0xC3, 0x28, 0xFF, .. "\", \"model\": \"\u00ff\"}"u8]),
        });
        yield return ("a body that is not JSON at all, as another type", () => new HttpRequestMessage(operation.Method, path)
        {
            Content = new StringContent("<xml/>", Encoding.UTF8, "application/xml"),
        });
    }

    /// <summary>
    /// The template with <paramref name="segment"/> as each parameter or, when it has none, as one more segment: the
    /// template alone is a valid call (a GET of `/api/v1/initialize` loads the default GPT-2-sized model), not a hostile one.
    /// </summary>
    private static string HostilePath(OpenApiOperation operation, string segment) =>
        operation.Template.Contains('{') ? operation.PathWith(segment) : $"{operation.Template}/{segment}";

    private static IEnumerable<(string Name, string Json)> Bodies(IReadOnlyDictionary<string, string> fields)
    {
        yield return ("malformed JSON", "{\"a\": ");
        yield return ("not JSON", "not json");
        foreach (var other in new[] { "[]", "\"text\"", "123", "null", "true", "" })
        {
            yield return ($"a body of the wrong type ({other})", other);
        }

        yield return ("wrong types in every field", Object(fields, type => type switch
        {
            "string" => "12345",
            "integer" or "number" or "boolean" => "\"x\"",
            "array" => "{\"a\": 1}",
            _ => "[1]",
        }));
        yield return ("NUL in every string field", Object(fields, type => type == "string" ? "\"a\\u0000b\"" : null));
        yield return ("lone surrogates in every string field", Object(fields, type => type == "string" ? "\"a\\ud800b\\udc00\"" : null));
        foreach (var extreme in new[] { "1e308", "-1e308", "9223372036854775808", "-9223372036854775809", "1e-400", "-1", "0", "2147483648" })
        {
            yield return ($"numeric extreme {extreme}", Object(fields, type => type is "integer" or "number" ? extreme : null));
        }

        yield return ("unknown fields", "{\"unknown_field\": 1, \"__proto__\": {\"admin\": true}, \"$type\": \"System.Object\"}");
        yield return ("a huge body", $"{{\"{fields.Keys.First()}\": \"{new string('a', HugeBodyBytes)}\"}}");
        yield return ("deeply nested arrays", new string('[', 5000) + new string(']', 5000));
        yield return ("deeply nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000));
    }

    /// <summary>An object of the fields <paramref name="valueOf"/> gives a JSON value for.</summary>
    private static string Object(IReadOnlyDictionary<string, string> fields, Func<string, string?> valueOf) =>
        "{" + string.Join(", ", fields.Select(field => (field.Key, Value: valueOf(field.Value)))
            .Where(field => field.Value is not null)
            .Select(field => $"\"{field.Key}\": {field.Value}")) + "}";

    private static ByteArrayContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }
}
