namespace Platform.Gateway.Dashboard.Components.Charts;

/// <summary>One named series of a chart, one value per label.</summary>
public sealed record ChartLine(string Name, IReadOnlyList<double> Values);
