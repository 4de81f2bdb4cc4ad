using Platform.Providers.Accounting;
using Platform.Providers.Routing;

namespace Platform.Gateway.Llm;

/// <summary>What a call cost at the answering deployment's prices per 1,000 tokens (US dollars).</summary>
public sealed record CostView(decimal InputCost, decimal OutputCost, decimal TotalCost)
{
    public static CostView Of(ModelPricing pricing, TokenCount tokens)
    {
        var input = pricing.InputCost(tokens.Prompt);
        var output = pricing.OutputCost(tokens.Completion);
        return new CostView(input, output, input + output);
    }
}
