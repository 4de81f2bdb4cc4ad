using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.TransformerWorker.Models;
using Platform.TransformerWorker.TransformerApi;

namespace Platform.TransformerWorker.Cache;

public sealed record PreloadRequest(string? ModelName);
