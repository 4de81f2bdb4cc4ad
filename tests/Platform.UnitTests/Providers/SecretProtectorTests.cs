using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Platform.Llm.Data.Security;

namespace Platform.UnitTests.Providers;

public sealed class SecretProtectorTests
{
    private static SecretProtector Protector(byte[]? key = null) =>
        new(Options.Create(new SecretsOptions { EncryptionKey = Convert.ToBase64String(key ?? RandomNumberGenerator.GetBytes(32)) }));

    [Test]
    public void Round_trips_a_key_and_never_shows_it_in_the_ciphertext()
    {
        var protector = Protector();

        var first = protector.Protect("sk-very-secret");
        var second = protector.Protect("sk-very-secret");

        Assert.That(first, Does.Not.Contain("sk-very-secret"));
        Assert.That(second, Is.Not.EqualTo(first), "each encryption uses a fresh nonce");
        Assert.That(protector.Unprotect(first), Is.EqualTo("sk-very-secret"));
    }

    [Test]
    public void Refuses_ciphertext_made_with_another_key_or_tampered_with()
    {
        var sealedKey = Protector().Protect("sk-very-secret");
        var tampered = sealedKey[..^4] + (sealedKey[^4] == 'A' ? "B" : "A") + sealedKey[^3..];

        Assert.That(() => Protector().Unprotect(sealedKey), Throws.InstanceOf<CryptographicException>());
        Assert.That(() => Protector().Unprotect(tampered), Throws.InstanceOf<CryptographicException>());
    }

    [Test]
    public void Explains_a_missing_or_short_key()
    {
        Assert.That(() => new SecretProtector(Options.Create(new SecretsOptions())),
            Throws.InvalidOperationException.With.Message.Contains("Secrets:EncryptionKey"));
        Assert.That(() => Protector(new byte[16]), Throws.InvalidOperationException.With.Message.Contains("32 bytes"));
    }
}
