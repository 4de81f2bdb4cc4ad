using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Llm.Data.Security;

public static class SecretProtectionExtensions
{
    /// <summary>Encryption of stored and queued provider keys (`Secrets:EncryptionKey`). Safe to add more than once.</summary>
    public static IHostApplicationBuilder AddSecretProtection(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(SecretProtector)))
        {
            return builder;
        }

        builder.Services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.SectionName)
            .Validate(options => !string.IsNullOrWhiteSpace(options.EncryptionKey), "Secrets:EncryptionKey is not configured (base64 of 32 random bytes).")
            .ValidateOnStart();
        builder.Services.AddSingleton<SecretProtector>();
        return builder;
    }
}
