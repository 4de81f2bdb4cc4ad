using Microsoft.Extensions.AI;

namespace Platform.Providers.Accounting;

/// <summary>Prompt and completion tokens of one call, and whether any of them had to be estimated.</summary>
public readonly record struct TokenCount(int Prompt, int Completion, bool Estimated)
{
    public static TokenCount None { get; } = new(0, 0, false);

    public int Total => Prompt + Completion;

    /// <summary>
    /// The provider's counts where it gave them; otherwise about one token per four characters, the
    /// usual rule of thumb for BPE tokenizers (close for English, low for Chinese).
    /// </summary>
    public static TokenCount Of(UsageDetails? reported, IEnumerable<ChatMessage> prompt, string completion)
    {
        var promptTokens = reported?.InputTokenCount;
        var completionTokens = reported?.OutputTokenCount;
        return new TokenCount(
            (int)(promptTokens ?? Estimate(prompt.Sum(message => message.Text.Length))),
            (int)(completionTokens ?? Estimate(completion.Length)),
            promptTokens is null || completionTokens is null);
    }

    public static int Estimate(int characters) => (characters + 3) / 4;
}
