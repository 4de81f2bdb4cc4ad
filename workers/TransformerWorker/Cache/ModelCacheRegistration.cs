using MassTransit;

namespace Platform.TransformerWorker.Cache;

public static class ModelCacheRegistration
{
    /// <summary>Each replica hears every change and every report on queues of its own.</summary>
    public static void AddModelCacheConsumers(this IBusRegistrationConfigurator bus)
    {
        var instance = Guid.NewGuid().ToString("N")[..8];
        bus.AddConsumer<ModelCacheChangedConsumer>().Endpoint(endpoint =>
        {
            endpoint.Temporary = true;
            endpoint.InstanceId = instance;
            endpoint.ConcurrentMessageLimit = 1; // changes apply in the order they were made
        });
        bus.AddConsumer<ModelCacheReportedConsumer>().Endpoint(endpoint =>
        {
            endpoint.Temporary = true;
            endpoint.InstanceId = instance;
        });
    }
}
