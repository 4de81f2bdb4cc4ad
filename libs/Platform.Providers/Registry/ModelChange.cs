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

/// <summary>What saving a model did; <see cref="Errors"/> name the fields when it was refused.</summary>
public sealed record ModelChange(ModelChangeOutcome Outcome, IReadOnlyList<string> Errors);
