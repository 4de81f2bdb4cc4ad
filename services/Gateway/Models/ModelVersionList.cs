using Platform.Contracts.Http.Models;
using System.Text.Json.Serialization;
using Platform.Providers.Models;

namespace Platform.Gateway.Models;

public sealed record ModelVersionList(IReadOnlyList<ModelVersionView> Versions, int Total);
