using Platform.Jobs.Domain;

namespace Platform.Jobs.Batches;

/// <summary>What cancelling did: the job (null when unknown), whether it had ended before, items that will never start, items still running.</summary>
public sealed record CancelOutcome(BatchJob? Job, bool WasAlreadyEnded, int NotStarted, int InFlight);
