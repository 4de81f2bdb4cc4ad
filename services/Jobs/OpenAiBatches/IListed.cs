namespace Platform.Jobs.OpenAiBatches;

/// <summary>What OpenAI's lists page on: newest first, continued after an id.</summary>
public interface IListed
{
    string Id { get; }
    DateTimeOffset CreatedAt { get; }
}
