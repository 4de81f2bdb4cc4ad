using Platform.Contracts.Http.Models;
using Platform.Gateway.Errors;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Providers.Models;

namespace Platform.Gateway.Inference;

/// <summary>An async request as the Jobs service keeps it: the job's state and, once it ran, its one item's outcome.</summary>
public sealed record AsyncJobState(string Status, DateTime CreatedAt, DateTime? CompletedAt, AsyncItemOutcome? Item, AsyncRequestRecord? Request);
