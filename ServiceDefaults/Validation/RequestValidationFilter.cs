using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Validation;

/// <summary>
/// Runs the registered <see cref="IRequestValidator{TRequest}"/> on the handler's argument at <paramref name="argument"/>
/// and, when it finds problems, answers through the service's <see cref="IValidationRejecter"/> instead of calling the handler.
/// </summary>
public sealed class RequestValidationFilter<TRequest>(int argument) : IEndpointFilter where TRequest : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var validator = http.RequestServices.GetRequiredService<IRequestValidator<TRequest>>();
        IReadOnlyList<ValidationProblem> problems = context.Arguments[argument] switch
        {
            TRequest request => await validator.ValidateAsync(request, http.RequestAborted),
            IRequestBody<TRequest> { ReadError: { } error } => [new ValidationProblem(error)],
            IRequestBody<TRequest> { Value: { } value } => await validator.ValidateAsync(value, http.RequestAborted),
            _ => [validator.MissingBody],
        };
        return problems.Count == 0 ? await next(context) : http.RequestServices.GetRequiredService<IValidationRejecter>().Reject(http, problems);
    }
}
