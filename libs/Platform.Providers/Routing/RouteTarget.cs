using System.Security.Cryptography;
using System.Text;
using Platform.Providers.Models;

namespace Platform.Providers.Routing;

/// <summary>What a call is addressed to: a registered model name, or a full config carried by the request.</summary>
public sealed record RouteTarget
{
    private RouteTarget(string? modelName, ModelDeployment? adHoc)
    {
        ModelName = modelName;
        AdHoc = adHoc;
    }

    public string? ModelName { get; }
    public ModelDeployment? AdHoc { get; }

    public static RouteTarget Named(string modelName) => new(modelName, null);

    /// <summary>
    /// A request's own config becomes a deployment of its own, keyed by everything that reaches the
    /// provider (the key only as a hash), so repeated calls share one pipeline, quota and circuit.
    /// </summary>
    public static RouteTarget For(ResolvedModel model)
    {
        var identity = $"{model.Kind.ModelType}\n{model.ModelName}\n{model.BaseUrl}\n{model.ApiKey}";
        var id = "adhoc:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
        return new(null, new ModelDeployment(id, model.ModelName, model));
    }

    public override string ToString() => ModelName ?? AdHoc!.Target.DisplayName;
}
