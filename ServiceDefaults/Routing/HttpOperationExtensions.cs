using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Contracts.Http.Routes;

namespace Platform.ServiceDefaults.Routing;

public static class HttpOperationExtensions
{
    /// <summary>
    /// Maps <paramref name="handler"/> at the operation's method and pattern with its tag and summary: the owning service maps
    /// its own handler, the Gateway its forwarder, from the same entry.
    /// </summary>
    public static RouteHandlerBuilder MapOperation(this IEndpointRouteBuilder app, HttpOperation operation, Delegate handler) =>
        app.MapMethods(operation.Pattern, [operation.Method], handler).WithTags(operation.Tag).WithSummary(operation.Summary);
}
