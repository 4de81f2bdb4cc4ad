using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Platform.Gateway.Dashboard.Access;

namespace Platform.Gateway.Dashboard.Components;

/// <summary>
/// A page that keeps itself current over its circuit: it reads its data as the signed-in caller when it
/// opens and again every <see cref="RefreshEvery"/> while it stays open, and the circuit sends the browser
/// only what changed. A service that cannot be reached shows as a <see cref="Problem"/>, not as an error page.
/// </summary>
public abstract class DashboardPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _closed = new();

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    [Inject]
    protected IOptions<DashboardOptions> Options { get; set; } = null!;

    protected DashboardCaller Caller { get; private set; } = null!;

    protected string? Problem { get; private set; }

    /// <summary>Null for pages that are told when there is something new instead.</summary>
    protected virtual TimeSpan? RefreshEvery => Options.Value.RefreshInterval;

    protected CancellationToken Closed => _closed.Token;

    protected override async Task OnInitializedAsync()
    {
        Caller = DashboardCaller.Of((await AuthenticationState).User);
        await LoadAsync();
        if (RendererInfo.IsInteractive && RefreshEvery is { } interval)
        {
            _ = KeepCurrentAsync(interval);
        }
    }

    /// <summary>Reads what the page shows.</summary>
    protected abstract Task RefreshAsync(CancellationToken cancellationToken);

    /// <summary>Reads again now and shows the result, e.g. after the user changed something.</summary>
    protected async Task ReloadAsync()
    {
        await LoadAsync();
        await InvokeAsync(StateHasChanged);
    }

    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
        OnClosed();
        GC.SuppressFinalize(this);
    }

    protected virtual void OnClosed()
    {
    }

    private async Task KeepCurrentAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(Closed))
            {
                await ReloadAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            await RefreshAsync(Closed);
            Problem = null;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            Problem = $"The batch-job service did not answer as expected: {e.Message}";
        }
    }
}
