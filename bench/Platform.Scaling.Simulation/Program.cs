// Simulates KEDA scaling the ProviderWorker through a large job and draws it (queue depth and replicas over time).
//   dotnet run -c Release --project bench/Platform.Scaling.Simulation -- [--items 1000000] [--rate 250] [--window 100] [--svg FILE] ...
// The per-replica rate defaults to 250 items/s until bench/Platform.Batch.Bench measures it; --help lists every setting.
using System.CommandLine;
using System.Globalization;
using Platform.Scaling.Simulation;

var defaults = new ScalingParameters();
var items = new Option<int>("--items") { Description = "Items in the job", DefaultValueFactory = _ => defaults.Items };
var rate = new Option<double>("--rate") { Description = "Items/s one busy replica completes", DefaultValueFactory = _ => defaults.ItemsPerSecondPerReplica };
var inFlight = new Option<int>("--in-flight") { Description = "Items in flight per replica = the ScaledObject's target", DefaultValueFactory = _ => defaults.ItemsInFlightPerReplica };
var window = new Option<int>("--window") { Description = "Items Jobs keeps sent (max_concurrent_tasks; sum over concurrent jobs)", DefaultValueFactory = _ => defaults.Window };
var min = new Option<int>("--min") { Description = "minReplicaCount", DefaultValueFactory = _ => defaults.MinReplicas };
var max = new Option<int>("--max") { Description = "maxReplicaCount", DefaultValueFactory = _ => defaults.MaxReplicas };
var startup = new Option<int>("--startup") { Description = "Seconds until a new replica is ready", DefaultValueFactory = _ => defaults.StartupSeconds };
var svg = new Option<string?>("--svg") { Description = "Write the chart to this SVG file" };

var command = new RootCommand("KEDA queue-depth scaling of the ProviderWorker over one job") { items, rate, inFlight, window, min, max, startup, svg };
command.SetAction(result =>
{
    var parameters = defaults with
    {
        Items = result.GetValue(items),
        ItemsPerSecondPerReplica = result.GetValue(rate),
        ItemsInFlightPerReplica = result.GetValue(inFlight),
        Window = result.GetValue(window),
        MinReplicas = result.GetValue(min),
        MaxReplicas = result.GetValue(max),
        StartupSeconds = result.GetValue(startup),
    };
    var samples = KedaScalingSimulation.Run(parameters);
    Print(samples, parameters);
    if (result.GetValue(svg) is { } path)
    {
        ScalingChart.Save(samples, parameters, path);
        Console.WriteLine($"chart: {path}");
    }
});
return command.Parse(args).Invoke();

static void Print(IReadOnlyList<ScalingSample> samples, ScalingParameters parameters)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{parameters.Items:N0} items at {parameters.ItemsPerSecondPerReplica} items/s per replica, {parameters.ItemsInFlightPerReplica} in flight each, window {parameters.Window:N0}"));
    Console.WriteLine("    time  queue  desired  ready   completed  items/s");
    foreach (var sample in samples.Where(s => s.Second % 30 == 0))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{TimeSpan.FromSeconds(sample.Second),8:h\\:mm\\:ss} {sample.QueueDepth,6} {sample.DesiredReplicas,8} {sample.ReadyReplicas,6} {sample.Completed,11:N0} {sample.ItemsPerSecond,8:N0}"));
    }
    var done = samples.First(s => s.Completed >= parameters.Items);
    var replicaSeconds = samples.Take(done.Second + 1).Sum(s => s.ReadyReplicas);
    var busy = samples.Take(done.Second + 1).Sum(s => s.ItemsPerSecond) / parameters.ItemsPerSecondPerReplica;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"job done after {TimeSpan.FromSeconds(done.Second):h\\:mm\\:ss} ({parameters.Items / (double)(done.Second + 1):N0} items/s on average), "
        + $"peak {samples.Max(s => s.ReadyReplicas)} ready replicas, {replicaSeconds / 60.0:N0} replica-minutes, {busy / replicaSeconds:P0} busy; "
        + $"back to {parameters.MinReplicas} replicas after {TimeSpan.FromSeconds(samples[^1].Second):h\\:mm\\:ss}"));
}
