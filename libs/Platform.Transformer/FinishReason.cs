using System.Text.Json.Serialization;

namespace Platform.Transformer;

[JsonConverter(typeof(JsonStringEnumConverter<FinishReason>))]
public enum FinishReason
{
    /// <summary>max_new_tokens reached or the context is full.</summary>
    [JsonStringEnumMemberName("length")] Length,

    /// <summary>A stop sequence or stop token was generated.</summary>
    [JsonStringEnumMemberName("stop")] Stop,
}
