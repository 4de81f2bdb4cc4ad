using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace Platform.Scaling.Simulation;

/// <summary>Queue depth (left axis) and replicas (right axis) over the run, as an SVG document.</summary>
public static class ScalingChart
{
    private const string ReplicaAxis = "replicas";

    public static void Save(IReadOnlyList<ScalingSample> samples, ScalingParameters parameters, string path)
    {
        var model = new PlotModel
        {
            Title = $"KEDA scaling of {parameters.Items:N0} items, {parameters.ItemsPerSecondPerReplica:N0} items/s per replica, window {parameters.Window:N0}",
            Subtitle = $"target {parameters.ItemsInFlightPerReplica} messages per replica, {parameters.MinReplicas}-{parameters.MaxReplicas} replicas, "
                       + $"polling {parameters.PollingSeconds} s, startup {parameters.StartupSeconds} s, scale-down stabilization {parameters.ScaleDownStabilizationSeconds} s",
            Background = OxyColors.White,
            // The exporter measures text with Arial's metrics; other fonts overflow their boxes.
            DefaultFont = "Arial",
            TitleFontSize = 15,
            SubtitleFontSize = 11,
        };
        model.Legends.Add(new OxyPlot.Legends.Legend
        {
            LegendPlacement = OxyPlot.Legends.LegendPlacement.Outside,
            LegendPosition = OxyPlot.Legends.LegendPosition.BottomCenter,
            LegendOrientation = OxyPlot.Legends.LegendOrientation.Horizontal,
            LegendItemSpacing = 48,
        });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "minutes", Minimum = 0 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "messages in the queue", Minimum = 0, StringFormat = "#,0", AxisTitleDistance = 12 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Right, Title = "replicas", Minimum = 0, Key = ReplicaAxis, MaximumPadding = 0.1, AxisTitleDistance = 12 });

        model.Series.Add(Line("queue depth (ready + unacked)", OxyColors.SteelBlue, null, samples.Select(s => (s.Second, (double)s.QueueDepth))));
        model.Series.Add(Line("desired replicas", OxyColors.OrangeRed, ReplicaAxis, samples.Select(s => (s.Second, (double)s.DesiredReplicas))));
        model.Series.Add(Line("ready replicas", OxyColors.SeaGreen, ReplicaAxis, samples.Select(s => (s.Second, (double)s.ReadyReplicas))));

        using var stream = File.Create(path);
        new SvgExporter { Width = 1000, Height = 500 }.Export(model, stream);
    }

    private static LineSeries Line(string title, OxyColor color, string? axis, IEnumerable<(int Second, double Value)> points)
    {
        var series = new LineSeries { Title = title, Color = color, StrokeThickness = 2, YAxisKey = axis };
        series.Points.AddRange(points.Select(point => new DataPoint(point.Second / 60.0, point.Value)));
        return series;
    }
}
