using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Security;

/// <summary>One operation of the OpenAPI document, with the properties and JSON types of its request body where it declares them.</summary>
public sealed record OpenApiOperation(HttpMethod Method, string Template, IReadOnlyDictionary<string, string> BodyProperties)
{
    public bool HasBody => Method == HttpMethod.Post || Method == HttpMethod.Put || Method == HttpMethod.Patch;

    /// <summary>The template with each `{parameter}` filled with <paramref name="value"/> (already escaped as needed).</summary>
    public string PathWith(string value) => System.Text.RegularExpressions.Regex.Replace(Template, "{[^}]+}", value);

    public override string ToString() => $"{Method} {Template}";

    public static IReadOnlyDictionary<string, string> PropertiesOf(JsonNode document, JsonNode operation)
    {
        var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        if (schema?["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]!["schemas"]![reference.Split('/')[^1]];
        }

        return schema?["properties"]?.AsObject().ToDictionary(
            property => property.Key,
            property => TypeOf(property.Value)) ?? [];
    }

    private static string TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray types => types.Select(type => type!.GetValue<string>()).FirstOrDefault(type => type != "null") ?? "string",
        _ => "object",
    };
}
