namespace Platform.Transformer;

/// <summary>An invalid <see cref="TransformerConfig"/>; <see cref="Field"/> is the snake_case field name.</summary>
public sealed class TransformerConfigException : ArgumentException
{
    public TransformerConfigException(string field, string message) : base($"invalid config: {message}") => Field = field;

    public string Field { get; }
}
