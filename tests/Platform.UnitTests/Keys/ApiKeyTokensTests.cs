using Platform.Llm.Data.Keys;

namespace Platform.UnitTests.Keys;

public sealed class ApiKeyTokensTests
{
    [Test]
    public void A_generated_key_carries_its_id_and_matches_only_its_own_hash()
    {
        var (id, key) = ApiKeyTokens.Generate();
        var (_, otherKey) = ApiKeyTokens.Generate();

        Assert.That(ApiKeyTokens.TryReadId(key, out var readId), Is.True);
        Assert.That(readId, Is.EqualTo(id));
        Assert.That(ApiKeyTokens.Matches(ApiKeyTokens.Hash(key), key), Is.True);
        Assert.That(ApiKeyTokens.Matches(ApiKeyTokens.Hash(key), otherKey), Is.False);
        Assert.That(key, Is.Not.EqualTo(otherKey));
    }

    [Test]
    public void The_display_prefix_shows_the_id_but_no_part_of_the_secret()
    {
        var (id, key) = ApiKeyTokens.Generate();

        var prefix = ApiKeyTokens.DisplayPrefix(id);

        Assert.That(prefix, Is.EqualTo($"pk_{id}_…"));
        Assert.That(key, Does.StartWith(prefix.TrimEnd('…')));
        Assert.That(prefix.Length, Is.LessThan(key.Length - 60));
    }

    [TestCase("gw-key-one")]
    [TestCase("pk_short_secret")]
    [TestCase("pk_0123456789ab-0000000000000000000000000000000000000000000000000000000000000000")]
    [TestCase("sk_0123456789ab_0000000000000000000000000000000000000000000000000000000000000000")]
    public void Keys_not_in_the_platform_format_have_no_id(string presented)
    {
        Assert.That(ApiKeyTokens.TryReadId(presented, out _), Is.False);
    }
}
