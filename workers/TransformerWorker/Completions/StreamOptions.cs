using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Transformer;
using Platform.TransformerWorker.Errors;

namespace Platform.TransformerWorker.Completions;

public sealed record StreamOptions(bool IncludeUsage);
