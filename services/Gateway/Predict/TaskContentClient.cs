using System.Net;

namespace Platform.Gateway.Predict;

/// <summary>Reads a stored task's content from the Jobs service, which owns tasks.</summary>
public sealed class TaskContentClient(HttpClient http)
{
    /// <summary>The task's content, or null when the task does not exist. Throws <see cref="HttpRequestException"/> when Jobs cannot answer.</summary>
    public async Task<string?> GetContentAsync(string taskId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/v1/tasks/{Uri.EscapeDataString(taskId)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var task = await response.Content.ReadFromJsonAsync<StoredTask>(cancellationToken);
        return task?.Content;
    }

    private sealed record StoredTask(string? Content);
}
