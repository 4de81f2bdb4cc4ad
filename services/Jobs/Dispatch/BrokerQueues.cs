using Microsoft.Extensions.Options;
using Platform.Jobs.Telemetry;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// What MassTransit does not expose: the depth of a queue (a passive declare) and moving what landed in an
/// `_error` queue back to its queue. One connection, opened on first use and again after a broker outage.
/// </summary>
public sealed class BrokerQueues(IConfiguration configuration, IOptions<JobsOptions> options) : IAsyncDisposable
{
    public const string ErrorSuffix = "_error";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    /// <summary>Ready messages and consumers of <paramref name="queue"/>; null when it does not exist (yet).</summary>
    public async Task<QueueDepth?> DepthAsync(string queue, CancellationToken cancellationToken)
    {
        await using var channel = await ChannelAsync(cancellationToken);
        try
        {
            var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            return new QueueDepth(declared.MessageCount, declared.ConsumerCount);
        }
        catch (OperationInterruptedException)
        {
            return null;
        }
    }

    /// <summary>Moves up to <paramref name="limit"/> messages from `queue_error` back to `queue`, oldest first; says how many.</summary>
    public async Task<int> ReplayErrorsAsync(string queue, int limit, CancellationToken cancellationToken)
    {
        await using var channel = await ChannelAsync(cancellationToken, confirmed: true);
        var moved = 0;
        while (moved < limit && await channel.BasicGetAsync(queue + ErrorSuffix, autoAck: false, cancellationToken) is { } message)
        {
            var properties = new BasicProperties(message.BasicProperties);
            await channel.BasicPublishAsync("", queue, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return moved;
    }

    /// <param name="confirmed">Publishes wait for the broker's confirmation, so a replayed message is acked from the error queue only once it is safe.</param>
    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken, bool confirmed = false)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is not { IsOpen: true })
            {
                if (_connection is not null)
                {
                    await _connection.DisposeAsync();
                }

                var address = configuration.GetConnectionString("rabbitmq")
                    ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq is not configured.");
                var factory = new ConnectionFactory { Uri = new Uri(address), RequestedConnectionTimeout = options.Value.SendTimeout };
                _connection = await factory.CreateConnectionAsync("platform-jobs-queue-monitor", cancellationToken);
            }

            return await _connection.CreateChannelAsync(new CreateChannelOptions(confirmed, confirmed), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _gate.Dispose();
    }
}
