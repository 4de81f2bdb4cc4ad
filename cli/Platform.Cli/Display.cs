using System.Globalization;
using System.Text.Json;
using Platform.Contracts.Http.Keys;

namespace Platform.Cli;

/// <summary>How tables show values: UTC times to the minute, a dash for nothing.</summary>
public static class Display
{
    public const string Nothing = "-";

    public static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? Nothing;

    /// <summary>A role as the Gateway's JSON spells it.</summary>
    public static string Role(ApiKeyRole role) => JsonNamingPolicy.SnakeCaseLower.ConvertName(role.ToString());

    public static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? Nothing;
}
