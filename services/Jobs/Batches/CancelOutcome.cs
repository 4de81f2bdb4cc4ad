using Platform.Contracts.Http.Batches;
using Platform.Contracts.Http.Models;
using Platform.Jobs.Callers;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts;
using Platform.Jobs.Data;
using Platform.Jobs.Data.Configurations;
using Platform.Jobs.Dispatch;
using Platform.Jobs.Domain;
using Platform.Jobs.Tasks;
using Platform.Jobs.Telemetry;
using Platform.Providers.Models;
using Platform.Providers.Registry;
using Platform.Providers.Security;

namespace Platform.Jobs.Batches;

/// <summary>What cancelling did: the job (null when unknown), whether it had ended before, items that will never start, items still running.</summary>
public sealed record CancelOutcome(BatchJob? Job, bool WasAlreadyEnded, int NotStarted, int InFlight);
