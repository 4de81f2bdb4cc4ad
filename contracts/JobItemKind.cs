namespace Platform.Contracts;

/// <summary>What a job item's content is, and so how a worker runs it.</summary>
public enum JobItemKind
{
    /// <summary>Seed 000: a task's text, rendered into the model's prompt template; the answer is read as JSON.</summary>
    Task,

    /// <summary>OpenAI's Batch API: a whole chat-completions request body (messages, sampling); the answer is a `chat.completion`.</summary>
    ChatRequest,

    /// <summary>OpenAI's Batch API: a whole embeddings request body (input, dimensions); the answer is OpenAI's embeddings list.</summary>
    EmbeddingsRequest,
}
