namespace Platform.Gateway.OpenAi;

/// <summary>`logprobs` is required by OpenAI's schema (null when not asked for); clients generated from it expect the field.</summary>
public sealed record ChatCompletionChoice(int Index, AssistantMessage Message, string FinishReason)
{
    public object? Logprobs => null;
}
