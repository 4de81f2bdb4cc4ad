namespace Platform.TransformerWorker.Errors;

/// <summary>A request body that can say what is wrong with it.</summary>
public interface IValidatedRequest
{
    /// <summary>The first problem, in words for the client, or null when the request is valid.</summary>
    string? FirstError();
}

/// <summary>Answers an invalid <typeparamref name="TRequest"/> with <paramref name="reject"/>, in the error shape of the endpoint's API.</summary>
public sealed class ValidationFilter<TRequest>(Func<string, IResult> reject) : IEndpointFilter where TRequest : IValidatedRequest
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.Arguments.OfType<TRequest>().Select(request => request.FirstError()).FirstOrDefault(error => error is not null) is { } error
            ? reject(error)
            : await next(context);
}
