namespace Platform.Providers.Routing;

/// <summary>Price per 1,000 prompt (input) and completion (output) tokens, in US dollars.</summary>
public sealed record ModelPricing(decimal InputPer1KTokens, decimal OutputPer1KTokens)
{
    public static ModelPricing Free { get; } = new(0, 0);

    public decimal InputCost(long promptTokens) => InputPer1KTokens * promptTokens / 1000m;

    public decimal OutputCost(long completionTokens) => OutputPer1KTokens * completionTokens / 1000m;
}
