using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Providers.Data;
using Platform.Providers.Models;
using Platform.Providers.Registry.Storage;
using Platform.Providers.Routing;
using Platform.Providers.Security;

namespace Platform.Providers.Registry;

/// <summary>A registered version as listed: never its key, at most a hint of it.</summary>
public sealed record ModelVersionRecord(StoredModelVersion Version, string? ApiKeyHint, bool Active);
