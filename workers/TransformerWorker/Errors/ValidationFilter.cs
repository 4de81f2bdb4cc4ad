namespace Platform.TransformerWorker.Errors;

/// <summary>Answers an invalid <typeparamref name="TRequest"/> with <paramref name="reject"/>, in the error shape of the endpoint's API.</summary>
public sealed class ValidationFilter<TRequest>(Func<string, IResult> reject) : IEndpointFilter where TRequest : IValidatedRequest
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.Arguments.OfType<TRequest>().Select(request => request.FirstError()).FirstOrDefault(error => error is not null) is { } error
            ? reject(error)
            : await next(context);
}
