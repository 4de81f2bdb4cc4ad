namespace Platform.Gateway.Models;

public static class BodyValidation
{
    /// <summary>
    /// Checks the endpoint's <see cref="JsonBody{T}"/> before the handler runs; <paramref name="reject"/>
    /// answers the problems in the API's error shape. Handlers can then rely on <c>Value</c>.
    /// </summary>
    public static RouteHandlerBuilder Validate<TBody>(this RouteHandlerBuilder endpoint, Func<TBody, IReadOnlyList<string>> rules,
        Func<HttpContext, IReadOnlyList<string>, IResult> reject)
        where TBody : class
    {
        return endpoint.Accepts<TBody>("application/json").AddEndpointFilter(async (context, next) =>
        {
            var body = context.Arguments.OfType<JsonBody<TBody>>().Single();
            var errors = body.Error is { } error ? [error] : rules(body.Value!);
            return errors.Count == 0 ? await next(context) : reject(context.HttpContext, errors);
        });
    }
}
