namespace Platform.Jobs.OpenAiBatches;

/// <summary>A valid line of a batch input file: its number (from 1), `custom_id`, and the request `body` as JSON text.</summary>
public sealed record BatchInputLine(int Number, string CustomId, string Body, string Model);
