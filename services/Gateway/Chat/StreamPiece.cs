using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Platform.Providers.Accounting;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.Gateway.Chat;

/// <summary>One piece of a streamed answer; the last piece carries the totals and no text.</summary>
public sealed record StreamPiece(string Text, StreamTotals? Totals);
