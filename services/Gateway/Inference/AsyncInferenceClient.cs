using Platform.Contracts.Http.Models;
using Platform.Gateway.Errors;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Providers.Models;

namespace Platform.Gateway.Inference;

/// <summary>
/// Async requests are persisted and run by the Jobs service and the workers, as a one-item batch job over a
/// task that holds the prompt: they survive a restart of any service, and their id is the job's id.
/// </summary>
public sealed class AsyncInferenceClient(HttpClient http, IOptions<JsonOptions> jsonOptions)
{
    public const string TaskIdPrefix = "inference-";

    public async Task<string> SubmitAsync(PreparedInference prepared, CancellationToken cancellationToken)
    {
        var request = prepared.Request;
        var taskId = TaskIdPrefix + Guid.NewGuid().ToString("N");
        var options = request.Options;
        var record = new AsyncRequestRecord(prepared.Task.Name, prepared.Target.Engine, prepared.Target.ModelName,
            new InferenceRequestOptions(options?.Temperature, options?.MaxTokens, options?.TopP, options?.Labels, options?.SourceLanguage,
                options?.TargetLanguage, ApiKey: null, BaseUrl: null));
        await PostAsync<JsonElement>("/api/v1/tasks", new[] { new { id = taskId, content = Prompt(prepared), metadata = new { inference = record } } },
            cancellationToken);

        // A registered model is named alone (its endpoint and key stay in the registry); a model given in full travels whole.
        var target = prepared.Target.Route.AdHoc?.Target;
        var config = target is null
            ? new AiModelConfig { ModelName = prepared.Target.ModelName }
            : new AiModelConfig
            {
                ModelType = target.Kind.ModelType, ModelName = target.ModelName, ApiKey = target.ApiKey,
                BaseUrl = target.Kind.ModelType == ProviderKinds.Local ? null : target.BaseUrl.ToString(),
                Temperature = options?.Temperature, MaxTokens = options?.MaxTokens, PromptTemplate = ModelConfigValidator.ContentPlaceholder,
            };
        var submitted = await PostAsync<JsonElement>("/api/v1/ai/predict/batch",
            new { task_ids = new[] { taskId }, ai_model_configs = new[] { config }, batch_config = new { max_concurrent_tasks = 1 } }, cancellationToken);
        return submitted.GetProperty("job_id").GetString()!;
    }

    /// <summary>The job's state, or null when there is no such async request.</summary>
    public async Task<AsyncJobState?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var job = await GetJsonAsync($"/api/v1/ai/batch/{Uri.EscapeDataString(id)}", cancellationToken);
        if (job is not { } view)
        {
            return null;
        }

        // The one item is a success under `results` or a failure under `failed_tasks_details`.
        var item = view.GetProperty("results").EnumerateArray().Concat(view.GetProperty("failed_tasks_details").EnumerateArray())
            .Select(result => (JsonElement?)result).FirstOrDefault();
        var outcome = item is { } ended
            ? new AsyncItemOutcome(ended.GetProperty("status").GetString()!, AnswerOf(ended),
                ended.GetProperty("processing_time").ValueKind == JsonValueKind.Number ? ended.GetProperty("processing_time").GetDouble() : null,
                ended.GetProperty("error").GetString(), ended.GetProperty("error_code").GetString())
            : null;
        AsyncRequestRecord? record = null;
        if (item is { } withTask && await GetJsonAsync($"/api/v1/tasks/{Uri.EscapeDataString(withTask.GetProperty("task_id").GetString()!)}",
                cancellationToken) is { } task && task.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            record = metadata.GetProperty("inference").Deserialize<AsyncRequestRecord>(Json);
        }

        return new AsyncJobState(view.GetProperty("status").GetString()!, view.GetProperty("created_at").GetDateTime(),
            view.GetProperty("completed_at").ValueKind == JsonValueKind.Null ? null : view.GetProperty("completed_at").GetDateTime(), outcome, record);
    }

    /// <summary>The model's answer: Jobs keeps a JSON answer as `prediction` and any other as `raw_text`.</summary>
    private static string? AnswerOf(JsonElement item) =>
        item.TryGetProperty("prediction", out var prediction) && prediction.ValueKind is JsonValueKind.Object or JsonValueKind.Array
            ? prediction.GetRawText()
            : item.TryGetProperty("raw_text", out var raw) ? raw.GetString() : null;

    /// <summary>True when the job service answers its readiness check; throws otherwise.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => http.GetAsync("/health/ready", cancellationToken));
        EnsureAnswered(response);
        return true;
    }

    /// <summary>The platform's snake_case JSON, as the Jobs service speaks it.</summary>
    private JsonSerializerOptions Json => jsonOptions.Value.SerializerOptions;

    /// <summary>One prompt for the batch item: a lone message as it is, a conversation as "role: text" lines.</summary>
    private static string Prompt(PreparedInference prepared) => prepared.Messages is [var only]
        ? only.Text
        : string.Join("\n", prepared.Messages.Select(message => $"{message.Role.Value}: {message.Text}"));

    private async Task<T> PostAsync<T>(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => http.PostAsJsonAsync(path, body, Json, cancellationToken));
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var error = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            throw InferenceException.Invalid("options", error.TryGetProperty("message", out var message) ? message.GetString()! : "The job service refused the request");
        }

        EnsureAnswered(response);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    private async Task<JsonElement?> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => http.GetAsync(path, cancellationToken));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureAnswered(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
    }

    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException e)
        {
            throw Unavailable(e.Message);
        }
    }

    private static void EnsureAnswered(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw Unavailable($"HTTP {(int)response.StatusCode}");
        }
    }

    private static InferenceException Unavailable(string reason) =>
        new(ErrorKind.ServiceUnavailable, InferenceErrors.ResourceExhausted, $"The job service cannot take or read async requests now ({reason}); try again shortly");
}
