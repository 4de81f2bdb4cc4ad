using Platform.ServiceDefaults.Validation;
using Platform.TransformerWorker.Completions;
using Platform.TransformerWorker.TransformerApi;

namespace Platform.TransformerWorker.Errors;

/// <summary>An invalid body is answered with its first problem, in OpenAI's error shape under `/v1` and seed 002's elsewhere.</summary>
public sealed class TransformerValidationRejecter : IValidationRejecter
{
    public IResult Reject(HttpContext context, IReadOnlyList<ValidationProblem> problems) => InvalidRequest(context, problems[0].Message);

    /// <summary>Also the answer to a body that cannot be read (<see cref="BadRequestHandler"/>).</summary>
    public static IResult InvalidRequest(HttpContext context, string message) =>
        TransformerApiFamilies.IsOpenAi(context.Request.Path)
            ? OpenAiErrors.InvalidRequest(message)
            : TransformerErrors.Invalid(context.RequestServices.GetRequiredService<TimeProvider>(), message);
}
