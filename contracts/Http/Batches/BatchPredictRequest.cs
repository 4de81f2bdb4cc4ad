using Platform.Contracts.Http.Models;
using Platform.Contracts.Http.Tasks;

namespace Platform.Contracts.Http.Batches;

/// <summary>
/// `POST /api/v1/ai/predict/batch` body, as in seed 000; <see cref="Tasks"/> carries the tasks inline instead of
/// <see cref="TaskIds"/> naming imported ones (they are imported with the job, in its transaction). Every field is
/// nullable so that the service, not the deserializer, says what is missing.
/// </summary>
public sealed record BatchPredictRequest(
    IReadOnlyList<string?>? TaskIds,
    IReadOnlyList<AiModelConfig?>? AiModelConfigs,
    BatchConfig? BatchConfig,
    IReadOnlyList<TaskImport?>? Tasks = null)
{
    /// <summary>The job's task ids in order, whichever way they came; valid once the request passed validation.</summary>
    public IReadOnlyList<string> JobTaskIds() => Tasks is null ? [.. TaskIds!.Select(id => id!)] : [.. Tasks.Select(task => task!.Id!)];
}
