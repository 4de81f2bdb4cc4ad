using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Platform.Jobs.Data.Configurations;

/// <summary>Statuses are stored as the lower-case words the API shows, so SQL reads like the API.</summary>
internal static class StatusText
{
    public static ValueConverter<TEnum, string> Converter<TEnum>() where TEnum : struct, Enum =>
        new(status => Of(status), text => Enum.Parse<TEnum>(text, ignoreCase: true));

    /// <summary>The stored word for a status, for SQL written by hand.</summary>
    public static string Of<TEnum>(TEnum status) where TEnum : struct, Enum => status.ToString().ToLowerInvariant();
}
