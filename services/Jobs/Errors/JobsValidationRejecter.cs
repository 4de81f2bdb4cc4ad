using Platform.Jobs.OpenAiBatches;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Validation;

namespace Platform.Jobs.Errors;

/// <summary>
/// An invalid body in seed 000's shape (the first problem as the message, all of them in `details.errors`), or OpenAI's
/// under `/v1`, like <see cref="BadRequestExceptionHandler"/> answers an unreadable one.
/// </summary>
public sealed class JobsValidationRejecter : IValidationRejecter
{
    public IResult Reject(HttpContext context, IReadOnlyList<ValidationProblem> problems) =>
        JobsApiFamilies.IsOpenAi(context.Request.Path)
            ? OpenAiErrors.InvalidRequest(problems[0].Message, problems[0].Field)
            : AiApiError.BadRequest([.. problems.Select(problem => problem.Message)]);
}
