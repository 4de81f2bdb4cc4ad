namespace Platform.Scaling.Simulation;

/// <summary>
/// One-second steps of a job through RabbitMQ, the workers, KEDA and the HPA it drives:
/// <list type="bullet">
/// <item>Jobs keeps <see cref="ScalingParameters.Window"/> items sent; the queue's message count (ready and
/// unacked, which KEDA's http protocol reads) is the sent items not yet finished.</item>
/// <item>A ready replica works on up to <see cref="ScalingParameters.ItemsInFlightPerReplica"/> of them; each takes
/// in-flight / rate seconds (Little's law), so a busy replica completes the given rate.</item>
/// <item>Every polling interval the HPA wants ceil(messages / target) replicas, within min and max, ignoring a
/// change within 10 %; it adds at most max(4 pods, 100 %) per 15 s and removes only what the highest
/// recommendation of the stabilization window allows. New replicas become ready after the startup time.</item>
/// </list>
/// </summary>
public static class KedaScalingSimulation
{
    private const double Tolerance = 0.1;
    private const int ScaleUpPeriodSeconds = 15;

    public static IReadOnlyList<ScalingSample> Run(ScalingParameters parameters)
    {
        var samples = new List<ScalingSample>();
        var recommendations = new Queue<(int Second, int Replicas)>();
        var starting = new List<int>(); // seconds at which replicas still starting become ready
        var ready = parameters.MinReplicas;
        var desired = parameters.MinReplicas;
        var lastScaleUp = -ScaleUpPeriodSeconds;
        double completed = 0;

        // Runs past the job's end until the stabilization window lets the replicas go back to the minimum.
        for (var second = 0; completed < parameters.Items || desired > parameters.MinReplicas; second++)
        {
            ready += starting.RemoveAll(at => at <= second);
            var depth = (long)Math.Min(parameters.Window, parameters.Items - Math.Floor(completed));

            if (second % parameters.PollingSeconds == 0)
            {
                var wanted = Math.Clamp((int)Math.Ceiling(depth / (double)parameters.ItemsInFlightPerReplica), parameters.MinReplicas, parameters.MaxReplicas);
                recommendations.Enqueue((second, wanted));
                while (recommendations.Peek().Second < second - parameters.ScaleDownStabilizationSeconds)
                {
                    recommendations.Dequeue();
                }
                var next = Recommend(parameters, desired, wanted, recommendations.Max(r => r.Replicas), second, ref lastScaleUp);
                if (next > desired)
                {
                    starting.AddRange(Enumerable.Repeat(second + parameters.StartupSeconds, next - desired));
                }
                else
                {
                    // Scale-down removes starting replicas first, then ready ones.
                    var surplus = desired - next;
                    var cancelled = Math.Min(surplus, starting.Count);
                    starting.RemoveRange(starting.Count - cancelled, cancelled);
                    ready -= surplus - cancelled;
                }
                desired = next;
            }

            var working = Math.Min(depth, (long)ready * parameters.ItemsInFlightPerReplica);
            var rate = working * parameters.ItemsPerSecondPerReplica / parameters.ItemsInFlightPerReplica;
            completed = Math.Min(parameters.Items, completed + rate);
            samples.Add(new ScalingSample(second, depth, desired, ready, (long)completed, rate));
        }
        return samples;
    }

    private static int Recommend(ScalingParameters parameters, int current, int wanted, int highestRecent, int second, ref int lastScaleUp)
    {
        if (Math.Abs(wanted / (double)current - 1) <= Tolerance)
        {
            return current;
        }
        if (wanted > current)
        {
            if (second - lastScaleUp < ScaleUpPeriodSeconds)
            {
                return current;
            }
            lastScaleUp = second;
            return Math.Min(wanted, current + Math.Max(4, current));
        }
        return Math.Min(current, highestRecent);
    }
}
