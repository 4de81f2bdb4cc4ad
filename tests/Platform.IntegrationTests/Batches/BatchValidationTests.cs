using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Batches;

/// <summary>Every bad request gets a 400 in seed 000's error shape, saying what is wrong.</summary>
public sealed class BatchValidationTests
{
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;

    private static readonly object ValidConfig = new
    {
        model_type = "zhipu_glm",
        model_name = "glm-4",
        api_key = "k",
        prompt_template = "文本分类：{content}",
    };

    [OneTimeSetUp]
    public Task ImportAsync() => Gateway.ImportTasksAsync([new { id = "valid_task", content = "ok" }]);

    private static async Task<JsonNode> ExpectErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        var json = JsonNode.Parse(body)!;
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo(error));
        return json;
    }

    private static async Task<string> SubmitExpectingBadRequestAsync(object request)
    {
        using var response = await Gateway.PostAsJsonAsync("/api/v1/ai/predict/batch", request);
        var json = await ExpectErrorAsync(response, HttpStatusCode.BadRequest, "Invalid Request");
        return json["message"]!.GetValue<string>();
    }

    [Test]
    public async Task Rejects_an_empty_task_list()
    {
        Assert.That(await SubmitExpectingBadRequestAsync(new { task_ids = Array.Empty<string>(), ai_model_configs = new[] { ValidConfig } }),
            Is.EqualTo("task_ids must contain at least one task id"));
    }

    [Test]
    public async Task Rejects_more_than_10000_tasks()
    {
        var ids = Enumerable.Range(0, 10_001).Select(i => $"t{i}");

        Assert.That(await SubmitExpectingBadRequestAsync(new { task_ids = ids, ai_model_configs = new[] { ValidConfig } }),
            Is.EqualTo("task_ids has 10001 tasks; a job takes at most 10000"));
    }

    [Test]
    public async Task Rejects_unknown_task_ids_and_lists_them()
    {
        using var response = await Gateway.PostAsJsonAsync("/api/v1/ai/predict/batch",
            new { task_ids = new[] { "valid_task", "missing_1", "missing_2" }, ai_model_configs = new[] { ValidConfig } });

        var json = await ExpectErrorAsync(response, HttpStatusCode.BadRequest, "Invalid Request");
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("2 task ids are not imported: missing_1, missing_2"));
        Assert.That(json["details"]!["unknown_task_ids"]!.AsArray().Select(id => id!.GetValue<string>()),
            Is.EqualTo(new[] { "missing_1", "missing_2" }));
    }

    [Test]
    public async Task Rejects_duplicate_task_ids()
    {
        Assert.That(await SubmitExpectingBadRequestAsync(new { task_ids = new[] { "valid_task", "valid_task" }, ai_model_configs = new[] { ValidConfig } }),
            Is.EqualTo("task_ids contains 'valid_task' more than once"));
    }

    [Test]
    public async Task Rejects_a_missing_model_config_list()
    {
        Assert.That(await SubmitExpectingBadRequestAsync(new { task_ids = new[] { "valid_task" } }),
            Is.EqualTo("ai_model_configs must contain at least one model config"));
    }

    [Test]
    public async Task Rejects_bad_model_configs_naming_each_field()
    {
        using var response = await Gateway.PostAsJsonAsync("/api/v1/ai/predict/batch", new
        {
            task_ids = new[] { "valid_task" },
            ai_model_configs = new object[]
            {
                ValidConfig,
                new { model_type = "nonsense", model_name = "x" },
                new { model_type = "openai", model_name = "gpt-4o-mini", api_key = "k", base_url = "http://10.1.2.3/v1", temperature = 5 },
            },
        });

        var json = await ExpectErrorAsync(response, HttpStatusCode.BadRequest, "Invalid Request");
        var errors = json["details"]!["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.That(errors, Has.Count.EqualTo(3));
        Assert.That(errors[0], Does.StartWith("ai_model_configs[1].model_type 'nonsense' is unknown"));
        Assert.That(errors[1], Is.EqualTo("ai_model_configs[2].temperature must be between 0 and 2"));
        Assert.That(errors[2], Does.StartWith("ai_model_configs[2].base_url host '10.1.2.3' is not allowed"));
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo(errors[0]));
    }

    [TestCase("max_concurrent_tasks", 0, "batch_config.max_concurrent_tasks must be between 1 and 1000, got 0")]
    [TestCase("retry_attempts", -1, "batch_config.retry_attempts must be between 0 and 10, got -1")]
    [TestCase("timeout_seconds", 601, "batch_config.timeout_seconds must be between 1 and 600, got 601")]
    public async Task Rejects_batch_config_out_of_range(string field, int value, string message)
    {
        var batchConfig = new Dictionary<string, int> { [field] = value };

        Assert.That(await SubmitExpectingBadRequestAsync(new { task_ids = new[] { "valid_task" }, ai_model_configs = new[] { ValidConfig }, batch_config = batchConfig }),
            Is.EqualTo(message));
    }

    [Test]
    public async Task Rejects_json_of_the_wrong_shape_naming_the_field()
    {
        using var response = await Gateway.PostAsync("/api/v1/ai/predict/batch",
            BatchJobEndToEndTests.JsonContent("""{"task_ids": "valid_task", "ai_model_configs": []}"""));

        var json = await ExpectErrorAsync(response, HttpStatusCode.BadRequest, "Invalid Request");
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("The request body is not valid at $.task_ids: expected an array"));
    }

    [Test]
    public async Task Rejects_a_body_that_is_not_json()
    {
        using var response = await Gateway.PostAsync("/api/v1/ai/predict/batch", BatchJobEndToEndTests.JsonContent("{task_ids: ["));

        var json = await ExpectErrorAsync(response, HttpStatusCode.BadRequest, "Invalid Request");
        Assert.That(json["message"]!.GetValue<string>(), Does.StartWith("The request body is not valid JSON"));
    }

    [TestCase("[]", "The body must be a non-empty JSON array of tasks ({id?, content, metadata?})")]
    [TestCase("null", "The body must be a non-empty JSON array of tasks ({id?, content, metadata?})")]
    [TestCase("""[{"id": "a"}]""", "[0].content is required")]
    [TestCase("""[{"id": "has space", "content": "x"}]""", "[0].id 'has space' must be 1-128 letters, digits, '_', '-', '.' or ':'")]
    [TestCase("""[{"id": "d", "content": "x"}, {"id": "d", "content": "y"}]""", "id 'd' appears more than once in the import")]
    public async Task Rejects_bad_task_imports(string body, string message)
    {
        using var response = await Gateway.PostAsync("/api/v1/tasks", BatchJobEndToEndTests.JsonContent(body));

        var json = await ExpectErrorAsync(response, HttpStatusCode.BadRequest, "Invalid Request");
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo(message));
    }

    [Test]
    public async Task Answers_404_for_an_unknown_job()
    {
        using var get = await Gateway.GetAsync("/api/v1/ai/batch/batch_00000000-0000-0000-0000-000000000000");
        using var delete = await Gateway.DeleteAsync("/api/v1/ai/batch/batch_nope");

        var json = await ExpectErrorAsync(get, HttpStatusCode.NotFound, "Not Found");
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Batch job batch_00000000-0000-0000-0000-000000000000 not found"));
        await ExpectErrorAsync(delete, HttpStatusCode.NotFound, "Not Found");
    }

    [Test]
    public async Task Rejects_bad_paging()
    {
        using var response = await Gateway.GetAsync("/api/v1/ai/batch?limit=0");

        var json = await ExpectErrorAsync(response, HttpStatusCode.BadRequest, "Invalid Request");
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("limit must be between 1 and 200, got 0"));
    }
}
