using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Jobs.OpenAiBatches;

public sealed record RequestCounts(int Total, int Completed, int Failed);
