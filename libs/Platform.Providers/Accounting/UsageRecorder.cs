using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Providers.Telemetry;

namespace Platform.Providers.Accounting;

/// <summary>
/// Takes usage records from the request path without waiting: they go into a bounded queue that
/// <see cref="UsageWriter"/> drains in batches. A full queue drops records (counted and logged)
/// instead of slowing calls down.
/// </summary>
public sealed partial class UsageRecorder
{
    private readonly Channel<UsageRecord> _pending;
    private readonly ILogger<UsageRecorder> _logger;
    private long _dropped;
    private int _lastWriteFailed;

    public UsageRecorder(IOptions<UsageAccountingOptions> options, ILogger<UsageRecorder> logger)
    {
        _logger = logger;
        _pending = Channel.CreateBounded<UsageRecord>(new BoundedChannelOptions(options.Value.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Records dropped because the queue was full since the process started.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>False once a batch could not be written, true again after the next successful write.</summary>
    public bool Healthy => Volatile.Read(ref _lastWriteFailed) == 0;

    internal ChannelReader<UsageRecord> Pending => _pending.Reader;

    public void Record(UsageRecord record)
    {
        ProviderMetrics.Record(record);
        if (_pending.Writer.TryWrite(record))
        {
            return;
        }

        var dropped = Interlocked.Increment(ref _dropped);
        if (dropped == 1 || dropped % 1000 == 0)
        {
            LogDropped(_logger, dropped);
        }
    }

    internal void ReportWrite(bool succeeded) => Volatile.Write(ref _lastWriteFailed, succeeded ? 0 : 1);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage queue is full: {Dropped} usage records dropped so far")]
    private static partial void LogDropped(ILogger logger, long dropped);
}
