using Platform.Providers.Accounting;
using Platform.Providers.Routing;

namespace Platform.Gateway.Chat;

public sealed record StreamTotals(ModelDeployment AnsweredBy, TokenCount Tokens, string FinishReason, string Text);
