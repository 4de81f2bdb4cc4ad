using Platform.Contracts.Http.Queues;
using Platform.Contracts.Http.Batches;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Gateway.Dashboard.Access;
using Platform.ServiceDefaults;

namespace Platform.Gateway.Dashboard.Jobs;

/// <summary>
/// Jobs' HTTP API as the dashboard reads it, on behalf of the signed-in key (the caller-identity headers
/// every internal call carries), so that Jobs decides which jobs that key may see and cancel. The shared token is added
/// by the <see cref="Forwarding.InternalCallHandler"/>, which leaves identity headers set here as they are.
/// </summary>
public sealed class DashboardJobsClient(HttpClient http, IOptions<JsonOptions> jsonOptions)
{
    public const int ExportPageSize = 1_000;

    public async Task<BatchJobList> ListAsync(DashboardCaller caller, int limit, CancellationToken cancellationToken) =>
        (await SendAsync<BatchJobList>(caller, HttpMethod.Get, $"api/v1/ai/batch?limit={limit}", cancellationToken)).Value!;

    /// <summary>The job with one page of its results, or null when it does not exist (or is not the caller's).</summary>
    public async Task<BatchJobView?> GetAsync(DashboardCaller caller, string jobId, int offset, int limit, CancellationToken cancellationToken) =>
        (await SendAsync<BatchJobView>(caller, HttpMethod.Get, $"api/v1/ai/batch/{Uri.EscapeDataString(jobId)}?offset={offset}&limit={limit}",
            cancellationToken)).Value;

    /// <summary>Cancels a job; answers Jobs' message, whether it cancelled or refused.</summary>
    public async Task<string> CancelAsync(DashboardCaller caller, string jobId, CancellationToken cancellationToken)
    {
        var answer = await SendAsync<JobCancelled>(caller, HttpMethod.Delete, $"api/v1/ai/batch/{Uri.EscapeDataString(jobId)}", cancellationToken);
        return answer.Value?.Message ?? answer.Error ?? "The job was not found";
    }

    public async Task<IReadOnlyList<QueueView>> QueuesAsync(DashboardCaller caller, CancellationToken cancellationToken) =>
        (await SendAsync<QueueList>(caller, HttpMethod.Get, "api/v1/admin/queues", cancellationToken)).Value?.Queues ?? [];

    private async Task<(T? Value, string? Error)> SendAsync<T>(DashboardCaller caller, HttpMethod method, string path,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add(InternalHeaders.Caller, caller.KeyId);
        request.Headers.Add(InternalHeaders.CallerRole, caller.IsAdmin ? "admin" : "user");

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null);
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return (default, null);
        }

        var error = await response.Content.ReadFromJsonAsync<AiApiError>(Json, cancellationToken);
        return response.StatusCode == HttpStatusCode.Conflict
            ? (default, error?.Message)
            : throw new HttpRequestException($"Jobs answered {(int)response.StatusCode}: {error?.Message}", null, response.StatusCode);
    }

    private JsonSerializerOptions Json => jsonOptions.Value.SerializerOptions;

    private sealed record JobCancelled(string JobId, string Status, string Message);
}
