using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Platform.Providers.Accounting;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.Gateway.Chat;

public sealed record StreamTotals(ModelDeployment AnsweredBy, TokenCount Tokens, string FinishReason, string Text);
