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

public enum ModelChangeOutcome
{
    Created,
    Updated,
    NotFound,
    Invalid,
}
