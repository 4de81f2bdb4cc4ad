using System.Net;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Forwarding;

public static class InternalClientExtensions
{
    /// <summary>
    /// A typed client of an internal service: its address from `Services`, and the <see cref="InternalCallHandler"/>
    /// that carries the shared secret and the caller's identity (never added to clients of external providers).
    /// </summary>
    public static IHttpClientBuilder AddInternalClient<TClient>(this IServiceCollection services,
        Func<ServicesOptions, ServiceEndpoint> service, TimeSpan? timeout = null) where TClient : class =>
        services.AddHttpClient<TClient>((provider, client) =>
            {
                client.BaseAddress = service(provider.GetRequiredService<IOptions<ServicesOptions>>().Value).BaseUrl;
                client.Timeout = timeout ?? client.Timeout;
            })
            .AddHttpMessageHandler<InternalCallHandler>();

    public static IServiceCollection AddInternalCalls(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        return services.AddTransient<InternalCallHandler>();
    }

    /// <summary>
    /// YARP's forwarder and the handler chain it sends through: a plain <see cref="SocketsHttpHandler"/>, as YARP wants
    /// (no redirects, decompression or cookies: the answer goes back as the service gave it), under service discovery
    /// and the <see cref="InternalCallHandler"/>.
    /// </summary>
    public static IServiceCollection AddServiceForwarding(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        services.AddHttpClient(ServiceForwarder.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(15),
            })
            .AddHttpMessageHandler<InternalCallHandler>();
        return services.AddSingleton<ServiceForwarder>();
    }
}
