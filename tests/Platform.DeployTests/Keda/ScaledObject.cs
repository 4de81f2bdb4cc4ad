namespace Platform.DeployTests.Keda;

/// <summary>Scales a Deployment on trigger metrics (here: RabbitMQ queue depth).</summary>
public sealed record ScaledObject : KedaObject<ScaledObjectSpec>
{
    public const string TypeKey = "keda.sh/v1alpha1/ScaledObject";
}
