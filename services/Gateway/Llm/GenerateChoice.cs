using Platform.Gateway.Chat;

namespace Platform.Gateway.Llm;

public sealed record GenerateChoice(int Index, ChatTurn Message, string FinishReason);
