using Microsoft.Extensions.AI;
using Platform.Providers.Models;

namespace Platform.Gateway.Chat;

/// <summary>Checks and converts what every chat API shares: the model, the messages and the sampling parameters.</summary>
public static class ChatInput
{
    public const int MaxMessages = 1_000;
    public const int MaxCharacters = 1_000_000;

    /// <param name="parametersPath">Where the sampling parameters sit in the body (seed 003 nests them under `parameters.`).</param>
    public static ChatInputProblem? Validate(string? model, IReadOnlyList<ChatTurn?>? messages, double? temperature, int? maxTokens,
        double? topP, string parametersPath = "")
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return new("model", "model is required");
        }

        if (messages is null || messages.Count == 0)
        {
            return new("messages", "messages must contain at least one message");
        }

        if (messages.Count > MaxMessages)
        {
            return new("messages", $"messages has {messages.Count} messages; at most {MaxMessages} are accepted");
        }

        for (var index = 0; index < messages.Count; index++)
        {
            if (MessageProblem(messages[index], $"messages[{index}]") is { } problem)
            {
                return problem;
            }
        }

        if (messages.Sum(message => message!.Content!.Length) > MaxCharacters)
        {
            return new("messages", $"the messages hold more than {MaxCharacters} characters");
        }

        return temperature is < 0 or > 2 ? Parameter(parametersPath + "temperature", "between 0 and 2")
            : maxTokens is < 1 or > ModelConfigValidator.MaxTokensLimit
                ? Parameter(parametersPath + "max_tokens", $"between 1 and {ModelConfigValidator.MaxTokensLimit}")
            : topP is < 0 or > 1 ? Parameter(parametersPath + "top_p", "between 0 and 1")
            : null;
    }

    public static List<ChatMessage> ToChatMessages(IEnumerable<ChatTurn?> turns) =>
        turns.Select(turn => new ChatMessage(RoleOf(turn!.Role!), turn.Content)).ToList();

    public static ChatOptions Options(double? temperature, int? maxTokens, double? topP) =>
        new() { Temperature = (float?)temperature, MaxOutputTokens = maxTokens, TopP = (float?)topP };

    private static ChatInputProblem Parameter(string path, string range) => new(path, $"{path} must be {range}");

    private static ChatInputProblem? MessageProblem(ChatTurn? turn, string path) =>
        turn is null ? new(path, $"{path} must be a message object")
        : turn.Role is not ("system" or "developer" or "user" or "assistant")
            ? new($"{path}.role", $"{path}.role must be system, user or assistant, got '{turn.Role}'")
        : string.IsNullOrEmpty(turn.Content) ? new($"{path}.content", $"{path}.content must be a non-empty string")
        : null;

    /// <summary>OpenAI's newer `developer` role is a system prompt for every other provider.</summary>
    private static ChatRole RoleOf(string role) => role switch
    {
        "system" or "developer" => ChatRole.System,
        "assistant" => ChatRole.Assistant,
        _ => ChatRole.User,
    };
}
