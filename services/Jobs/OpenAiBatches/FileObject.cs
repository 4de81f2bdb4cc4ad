using System.Text.Json.Serialization;

namespace Platform.Jobs.OpenAiBatches;

/// <summary>OpenAI's file object; times are Unix seconds.</summary>
public sealed record FileObject(string Id, long Bytes, long CreatedAt, string Filename, string Purpose)
{
    [JsonPropertyName("object")]
    public string ObjectType => "file";

    /// <summary>Files are usable as soon as the upload returns.</summary>
    public string Status => "processed";

    public static FileObject Of(OpenAiFile file) => new(file.Id, file.Bytes, file.CreatedAt.ToUnixTimeSeconds(), file.Filename, file.Purpose);
}
