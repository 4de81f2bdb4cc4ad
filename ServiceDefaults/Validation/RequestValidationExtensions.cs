using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Validation;

public static class RequestValidationExtensions
{
    /// <summary>Checks the endpoint's <typeparamref name="TRequest"/> body with its registered validator before the handler runs.</summary>
    public static RouteHandlerBuilder Validates<TRequest>(this RouteHandlerBuilder endpoint) where TRequest : class =>
        endpoint.AddEndpointFilterFactory((factory, next) =>
        {
            var filter = new RequestValidationFilter<TRequest>(ArgumentOf<TRequest>(factory.MethodInfo));
            return context => filter.InvokeAsync(context, next);
        });

    /// <summary>Where <paramref name="handler"/> takes the <typeparamref name="TRequest"/> (or an <see cref="IRequestBody{TRequest}"/> holding it).</summary>
    private static int ArgumentOf<TRequest>(MethodInfo handler)
    {
        var index = Array.FindIndex(handler.GetParameters(), parameter =>
            parameter.ParameterType.IsAssignableTo(typeof(TRequest)) || parameter.ParameterType.IsAssignableTo(typeof(IRequestBody<TRequest>)));
        return index >= 0
            ? index
            : throw new InvalidOperationException($"{handler.DeclaringType?.Name}.{handler.Name} takes no {typeof(TRequest).Name} to validate");
    }
}
