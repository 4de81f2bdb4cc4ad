using Platform.Contracts.Http.Models;
using Platform.Gateway.Errors;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Providers.Models;

namespace Platform.Gateway.Inference;

public sealed record AsyncItemOutcome(string Status, string? RawText, double? ProcessingTime, string? Error, string? ErrorCode);
