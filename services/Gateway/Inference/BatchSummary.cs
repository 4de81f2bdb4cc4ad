using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Gateway.Chat;

namespace Platform.Gateway.Inference;

public sealed record BatchSummary(int TotalRequests, int Successful, int Failed, double SuccessRate);
