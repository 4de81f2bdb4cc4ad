namespace Platform.ServiceDefaults.Validation;

/// <summary>One thing wrong with a request, in words for the client; <see cref="Field"/> names the field when the rule knows it.</summary>
public sealed record ValidationProblem(string Message, string? Field = null)
{
    public static readonly ValidationProblem MissingBody = new("The request body is required");

    public static IReadOnlyList<ValidationProblem> None { get; } = [];

    public static IReadOnlyList<ValidationProblem> Of(IEnumerable<string> messages) => [.. messages.Select(message => new ValidationProblem(message))];

    /// <summary>For rules that stop at the first problem: none, or that one.</summary>
    public static IReadOnlyList<ValidationProblem> Of(string? message, string? field = null) =>
        message is null ? None : [new ValidationProblem(message, field)];
}
