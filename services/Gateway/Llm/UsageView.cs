using Platform.Providers.Accounting;

namespace Platform.Gateway.Llm;

public sealed record UsageView(int PromptTokens, int CompletionTokens, int TotalTokens)
{
    public static UsageView Of(TokenCount tokens) => new(tokens.Prompt, tokens.Completion, tokens.Total);
}
