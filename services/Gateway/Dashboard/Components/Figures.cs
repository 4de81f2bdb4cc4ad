using System.Globalization;

namespace Platform.Gateway.Dashboard.Components;

/// <summary>How the dashboard writes numbers, rates, durations and times.</summary>
public static class Figures
{
    private const string None = "–";

    public static string Rate(double? perSecond) => perSecond is { } rate ? $"{Number(rate, "0.##")}/s" : None;

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => None,
        { TotalHours: >= 1 } long_ => $"{(int)long_.TotalHours} h {long_.Minutes} min",
        { TotalMinutes: >= 1 } medium => $"{medium.Minutes} min {medium.Seconds} s",
        { } short_ => $"{Math.Ceiling(short_.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s",
    };

    public static string Time(DateTime? utc) => utc is { } at ? at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : None;

    public static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => $"{Number(100 * fraction)} %";

    public static string Money(decimal cost) => cost.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Milliseconds(double? ms) => ms is { } value ? $"{Number(value, "0")} ms" : None;
}
