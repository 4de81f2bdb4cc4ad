using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Platform.Jobs.Data.Configurations;

/// <summary>Statuses are stored as the lower-case words the API shows, so SQL reads like the API.</summary>
internal static class StatusText
{
    public static ValueConverter<TEnum, string> Converter<TEnum>() where TEnum : struct, Enum =>
        new(status => status.ToString().ToLowerInvariant(), text => Enum.Parse<TEnum>(text, ignoreCase: true));
}
