using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.Errors;

/// <summary>
/// An invalid body is the catalogue's InvalidRequest, in the called family's shape: the first problem is the message;
/// one that names its field says so (`details.field`, OpenAI's `param`), otherwise every problem is listed in `details.errors`.
/// </summary>
public sealed class GatewayValidationRejecter : IValidationRejecter
{
    public IResult Reject(HttpContext context, IReadOnlyList<ValidationProblem> problems)
    {
        var first = problems[0];
        object details = first.Field is { } field ? new { field } : new { errors = problems.Select(problem => problem.Message).ToList() };
        return new PlatformError(ErrorKind.InvalidRequest, first.Message, details) { Field = first.Field };
    }
}
