using Microsoft.Extensions.AI;

namespace Platform.Gateway.Inference;

/// <summary>
/// A request that passed every check: its task, where it goes, and what is sent — chat messages, or for
/// feature-extraction the texts to embed.
/// </summary>
public sealed record PreparedInference(InferenceRequest Request, InferenceTask Task, InferenceTarget Target, IList<ChatMessage> Messages,
    ChatOptions Options, IReadOnlyList<string> Texts);
