using Microsoft.AspNetCore.Http.HttpResults;
using Platform.TransformerWorker.TransformerApi;

namespace Platform.TransformerWorker.Health;

public sealed record ModelCheck(string Status, bool Initialized, string Device);
