namespace Platform.Providers.Registry;

/// <summary>What saving a model did; <see cref="Errors"/> name the fields when it was refused.</summary>
public sealed record ModelChange(ModelChangeOutcome Outcome, IReadOnlyList<string> Errors);
