using System.Reflection;
using k8s.Models;
using Platform.Contracts;
using Platform.DeployTests.Keda;
using Platform.DeployTests.Rendering;

namespace Platform.DeployTests.Invariants;

/// <summary>The workers scale on their own queues, the Gateway on CPU.</summary>
public sealed class ScalingTests(string overlay) : OverlayFixture(overlay)
{
    private static readonly string[] DeclaredQueues = typeof(QueueNames).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral).Select(field => (string)field.GetRawConstantValue()!).ToArray();

    [Test]
    public void Every_scaled_object_targets_an_existing_deployment_and_a_queue_the_code_declares()
    {
        var deployments = Rendered.Objects.OfType<V1Deployment>().Select(d => d.Metadata.Name).ToHashSet();
        var wrong = Rendered.Objects.OfType<ScaledObject>()
            .Where(scaled => scaled.Spec.ScaleTargetRef.Kind is not (null or "Deployment")
                             || !deployments.Contains(scaled.Spec.ScaleTargetRef.Name)
                             || scaled.Spec.Triggers.Count == 0
                             || scaled.Spec.Triggers.Any(trigger => trigger.Type != "rabbitmq"
                                 || !DeclaredQueues.Contains(trigger.Metadata.GetValueOrDefault("queueName"))))
            .Select(scaled => scaled.Metadata.Name);

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Every_declared_queue_scales_a_worker()
    {
        var scaledQueues = Rendered.Objects.OfType<ScaledObject>().SelectMany(scaled => scaled.Spec.Triggers)
            .Select(trigger => trigger.Metadata.GetValueOrDefault("queueName"));

        Assert.That(scaledQueues, Is.EquivalentTo(DeclaredQueues));
    }

    /// <summary>
    /// Replicas = messages / target, with in-flight (unacked) messages counted: the target must be what one
    /// replica holds in flight, or replicas sit idle (target too low) or queued items wait (too high).
    /// </summary>
    [Test]
    public void Each_worker_scales_on_all_messages_with_its_own_items_in_flight_as_the_target()
    {
        foreach (var scaled in Rendered.Objects.OfType<ScaledObject>())
        {
            var worker = Rendered.Objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == scaled.Spec.ScaleTargetRef.Name);
            var inFlight = Settings.Value(worker.Spec.Template.Spec.Containers[0], Rendered, "Worker__MaxConcurrentItems");
            var trigger = scaled.Spec.Triggers.Single();
            Assert.Multiple(() =>
            {
                Assert.That(trigger.Metadata["protocol"], Is.EqualTo("http"), $"{scaled.Metadata.Name}: AMQP counts only ready messages");
                Assert.That(trigger.Metadata["mode"], Is.EqualTo("QueueLength"), scaled.Metadata.Name);
                Assert.That(trigger.Metadata["value"], Is.EqualTo(inFlight), scaled.Metadata.Name);
                Assert.That(worker.Spec.Replicas, Is.Null, $"{scaled.Metadata.Name}: a fixed replica count fights KEDA");
            });
        }
    }

    [Test]
    public void The_transformer_worker_scales_to_zero_and_the_provider_worker_keeps_a_replica()
    {
        var scaled = Rendered.Objects.OfType<ScaledObject>().ToDictionary(s => s.Spec.ScaleTargetRef.Name);

        Assert.Multiple(() =>
        {
            Assert.That(scaled["transformer-worker"].Spec.MinReplicaCount, Is.Zero);
            Assert.That(scaled["provider-worker"].Spec.MinReplicaCount, Is.GreaterThanOrEqualTo(1));
            Assert.That(scaled.Values.Select(s => s.Spec.MaxReplicaCount), Has.All.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public void The_gateway_scales_on_cpu()
    {
        var autoscaler = Rendered.Objects.OfType<V2HorizontalPodAutoscaler>().Single();

        Assert.Multiple(() =>
        {
            Assert.That(autoscaler.Spec.ScaleTargetRef.Name, Is.EqualTo("gateway"));
            Assert.That(autoscaler.Spec.Metrics.Single().Resource.Name, Is.EqualTo("cpu"));
            Assert.That(autoscaler.Spec.MinReplicas, Is.LessThanOrEqualTo(autoscaler.Spec.MaxReplicas));
        });
    }
}
