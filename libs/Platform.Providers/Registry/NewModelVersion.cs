using Platform.Contracts.Http.Models;

namespace Platform.Providers.Registry;

/// <summary>
/// A seed 000 model version to register: its provider config (key in clear, encrypted here), label, and the public
/// name it is served as (which may differ from the upstream <c>Config.ModelName</c>). <paramref name="Replace"/>: take over
/// a public name that something other than earlier versions of this model serves.
/// </summary>
public sealed record NewModelVersion(AiModelConfig Config, string Version, string? Description, string PublicName, bool Replace = false);
