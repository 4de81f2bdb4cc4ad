using Platform.ServiceDefaults.Validation;

namespace Platform.TransformerWorker.TransformerApi;

/// <summary>Seed 002's forward pass needs a text of at most 10,000 characters and, if given, a max_length within the model's reach.</summary>
public sealed class ForwardRequestValidator : IRequestValidator<ForwardRequest>
{
    public ValueTask<IReadOnlyList<ValidationProblem>> ValidateAsync(ForwardRequest request, CancellationToken cancellationToken) =>
        new(ValidationProblem.Of(FirstError(request)));

    private static string? FirstError(ForwardRequest request)
    {
        if (string.IsNullOrEmpty(request.Text))
        {
            return "输入文本不能为空";
        }

        // Characters as Python counts them (code points), not UTF-16 units.
        var characters = request.Text.EnumerateRunes().Count();
        if (characters > ForwardRequest.MaxTextLength)
        {
            return $"输入文本长度 {characters} 超过了上限 {ForwardRequest.MaxTextLength} 个字符";
        }

        return request.MaxLength is < 1 or > ForwardRequest.MaxSequenceLimit
            ? $"max_length 必须在 1 到 {ForwardRequest.MaxSequenceLimit} 之间，收到 {request.MaxLength}"
            : null;
    }
}
