using System.Text.Json;
using Platform.Gateway.Chat;

namespace Platform.Gateway.Inference;

/// <summary>
/// A task's input: `inputs` (a text; for feature-extraction also an array of texts), `messages` for chat,
/// `images` (URLs, data URIs or base64) for multimodal requests.
/// </summary>
public sealed record InferenceData(JsonElement? Inputs, IReadOnlyList<ChatTurn?>? Messages, IReadOnlyList<string?>? Images);
