using MassTransit;

namespace Platform.TransformerWorker.TransformerApi;

public static class TransformerModelInitializedRegistration
{
    /// <summary>
    /// Each instance gets its own temporary queue, so that every replica hears every initialization; one at a
    /// time, so that a burst of them does not load models that are superseded already.
    /// </summary>
    public static void AddTransformerModelInitializedConsumer(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<TransformerModelInitializedConsumer>().Endpoint(endpoint =>
        {
            endpoint.Temporary = true;
            endpoint.InstanceId = Guid.NewGuid().ToString("N")[..8];
            endpoint.ConcurrentMessageLimit = 1;
        });
}
