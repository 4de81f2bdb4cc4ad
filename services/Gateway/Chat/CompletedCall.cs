using Microsoft.Extensions.AI;
using Platform.Providers.Accounting;
using Platform.Providers.Routing;

namespace Platform.Gateway.Chat;

/// <summary>A whole answer, who gave it and what it used.</summary>
public sealed record CompletedCall(ChatResponse Response, ModelDeployment AnsweredBy, TokenCount Tokens);
