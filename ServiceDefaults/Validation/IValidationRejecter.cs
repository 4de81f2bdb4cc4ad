using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Validation;

/// <summary>A service's answer to an invalid request body, in the error shape of the API family the route belongs to.</summary>
public interface IValidationRejecter
{
    /// <param name="problems">At least one problem.</param>
    IResult Reject(HttpContext context, IReadOnlyList<ValidationProblem> problems);
}
