using System.Text.Json.Nodes;
using Json.Schema;

namespace Platform.IntegrationTests.OpenAi;

/// <summary>
/// OpenAI's published schemas for the answers `/v1` gives (vendored from openai/openai-openapi under Schemas/, with
/// its licence). Typed clients in other languages deserialize against them, so every answer the tests see must match.
/// </summary>
public static class OpenAiSchema
{
    public const string ChatCompletion = "CreateChatCompletionResponse";
    public const string ChatCompletionChunk = "CreateChatCompletionStreamResponse";
    public const string ModelList = "ListModelsResponse";
    public const string Model = "Model";
    public const string Error = "ErrorResponse";
    public const string EmbeddingList = "CreateEmbeddingResponse";

    private static readonly Lazy<JsonObject> Document = new(() =>
        WithNullable(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "OpenAi", "Schemas", "openai-openapi-schemas.json")))!)
            .AsObject());

    private static readonly Dictionary<string, JsonSchema> Schemas = [];

    /// <summary>The schema an answer of <paramref name="path"/> follows, or null for paths OpenAI's document does not describe here.</summary>
    public static string? DefinitionFor(string path, bool succeeded) => path switch
    {
        // Only `/v1` speaks OpenAI's shapes; the seeds' APIs answer in theirs.
        _ when !path.StartsWith("/v1/", StringComparison.Ordinal) => null,
        _ when !succeeded => Error,
        "/v1/chat/completions" => ChatCompletion,
        "/v1/models" => ModelList,
        "/v1/embeddings" => EmbeddingList,
        _ when path.StartsWith("/v1/models/", StringComparison.Ordinal) => Model,
        _ => null,
    };

    /// <summary>Fails the test with every violation when <paramref name="json"/> does not match <paramref name="definition"/>.</summary>
    public static void Check(string definition, string json)
    {
        var results = SchemaOf(definition).Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!results.IsValid)
        {
            var violations = results.Details.Where(detail => detail.Errors is { Count: > 0 })
                .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation} ({detail.EvaluationPath}): {error.Value}"));
            Assert.Fail($"Not a valid OpenAI {definition}:\n{string.Join('\n', violations)}\n--- answer ---\n{json}");
        }
    }

    /// <summary>
    /// The document still marks some fields with OpenAPI 3.0's `nullable: true`, which JSON Schema ignores: such a
    /// field's `type` and `enum` also take null here, as OpenAI's clients read them.
    /// </summary>
    private static JsonNode WithNullable(JsonNode node)
    {
        if (node is JsonObject schema && schema["nullable"] is JsonValue nullable && nullable.GetValue<bool>())
        {
            if (schema["type"] is JsonValue type)
            {
                schema["type"] = new JsonArray(type.GetValue<string>(), "null");
            }

            if (schema["enum"] is JsonArray values && values.All(value => value is not null))
            {
                values.Add(null);
            }
        }

        foreach (var child in node switch { JsonObject map => map.Select(pair => pair.Value), JsonArray list => list, _ => [] })
        {
            if (child is not null)
            {
                WithNullable(child);
            }
        }

        return node;
    }

    /// <summary>The vendored document with a root `$ref` to one of its `$defs`.</summary>
    private static JsonSchema SchemaOf(string definition)
    {
        lock (Schemas)
        {
            if (!Schemas.TryGetValue(definition, out var schema))
            {
                var root = Document.Value.DeepClone().AsObject();
                root["$ref"] = $"#/$defs/{definition}";
                schema = JsonSchema.FromText(root.ToJsonString());
                Schemas[definition] = schema;
            }

            return schema;
        }
    }
}
