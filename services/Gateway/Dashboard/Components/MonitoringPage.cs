using Microsoft.AspNetCore.Components;
using Platform.Gateway.Dashboard.Monitoring;

namespace Platform.Gateway.Dashboard.Components;

/// <summary>An operators' page drawn from the shared <see cref="SystemSampler"/>: it watches while open and redraws on each sample.</summary>
public abstract class MonitoringPage : DashboardPage
{
    private IDisposable? _watch;

    [Inject]
    protected SystemSampler Sampler { get; set; } = null!;

    protected IReadOnlyList<SystemSample> History { get; private set; } = [];

    protected SystemSample? Latest => History.Count == 0 ? null : History[^1];

    protected override TimeSpan? RefreshEvery => null;

    protected override void OnInitialized()
    {
        if (RendererInfo.IsInteractive)
        {
            _watch = Sampler.Watch();
            Sampler.Sampled += OnSampled;
        }
    }

    protected override Task RefreshAsync(CancellationToken cancellationToken)
    {
        History = Sampler.History;
        return Task.CompletedTask;
    }

    protected override void OnClosed()
    {
        Sampler.Sampled -= OnSampled;
        _watch?.Dispose();
    }

    /// <summary>Raised on the sampler's thread; the page's state changes only on its circuit's.</summary>
    private void OnSampled() => _ = InvokeAsync(ReloadAsync);
}
