using System.Text.Json;
using MudBlazor;
using Platform.Gateway.Dashboard.Access;
using Platform.Gateway.Dashboard.Jobs;

namespace Platform.Gateway.Dashboard.Components;

/// <summary>Cancelling a job from the list or its page: asked to confirm first, and the outcome shown as Jobs words it.</summary>
public static class JobCancellation
{
    public static async Task<bool> ConfirmAsync(IDialogService dialogs, string jobId) =>
        await dialogs.ShowMessageBoxAsync("Cancel this job?",
            $"Job {jobId}: tasks not started yet will not run; results of running tasks are kept.",
            yesText: "Cancel job", cancelText: "Keep running") == true;

    public static async Task<bool> CancelAsync(DashboardJobsClient jobs, DashboardCaller caller, string jobId, ISnackbar snackbar,
        CancellationToken cancellationToken)
    {
        try
        {
            snackbar.Add(await jobs.CancelAsync(caller, jobId, cancellationToken), Severity.Info);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            snackbar.Add($"The job could not be cancelled: {e.Message}", Severity.Error);
            return false;
        }
    }
}
