namespace Platform.Contracts.Http.Queues;

/// <summary>One worker queue: messages waiting, consumers attached, messages in its `_error` queue.</summary>
public sealed record QueueView(string Name, long Ready, long Consumers, long Errors);
