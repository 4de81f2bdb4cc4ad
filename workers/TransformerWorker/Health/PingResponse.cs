using Microsoft.AspNetCore.Http.HttpResults;
using Platform.TransformerWorker.TransformerApi;

namespace Platform.TransformerWorker.Health;

public sealed record PingResponse(string Message, DateTime Timestamp);
