namespace Platform.TransformerWorker.Completions;

/// <summary>How chat turns are laid out for a base model, the same for interactive calls and batch items.</summary>
public static class ChatPrompt
{
    public static string Render(IEnumerable<(string Role, string Content)> messages) =>
        string.Concat(messages.Select(message => $"{message.Role}: {message.Content}\n")) + "assistant:";
}
