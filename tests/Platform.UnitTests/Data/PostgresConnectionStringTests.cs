using Microsoft.Extensions.Configuration;
using Npgsql;
using Platform.Llm.Data;

namespace Platform.UnitTests.Data;

public sealed class PostgresConnectionStringTests
{
    [Test]
    public void A_connection_string_without_a_pool_size_gets_the_platform_budget()
    {
        var settings = new NpgsqlConnectionStringBuilder(Configured("Host=db;Username=platform;Password=secret").PostgresConnectionString());

        Assert.Multiple(() =>
        {
            Assert.That(settings.MaxPoolSize, Is.EqualTo(DatabaseConventions.DefaultMaxPoolSize));
            Assert.That(settings.Host, Is.EqualTo("db"));
            Assert.That(settings.Password, Is.EqualTo("secret"));
        });
    }

    [TestCase("Maximum Pool Size=50")]
    [TestCase("MaxPoolSize=50")]
    public void A_pool_size_the_operator_set_is_kept(string poolSize)
    {
        var settings = new NpgsqlConnectionStringBuilder(Configured($"Host=db;{poolSize}").PostgresConnectionString());

        Assert.That(settings.MaxPoolSize, Is.EqualTo(50));
    }

    [Test]
    public void A_connection_string_without_automatic_preparation_gets_the_platform_default() =>
        Assert.That(new NpgsqlConnectionStringBuilder(Configured("Host=db").PostgresConnectionString()).MaxAutoPrepare,
            Is.EqualTo(DatabaseConventions.DefaultMaxAutoPrepare));

    [TestCase("Max Auto Prepare=0")]
    [TestCase("MaxAutoPrepare=0")]
    public void Automatic_preparation_the_operator_set_is_kept(string autoPrepare) =>
        Assert.That(new NpgsqlConnectionStringBuilder(Configured($"Host=db;{autoPrepare}").PostgresConnectionString()).MaxAutoPrepare,
            Is.EqualTo(0));

    [Test]
    public void A_connection_string_without_a_pool_return_setting_skips_the_reset() =>
        Assert.That(new NpgsqlConnectionStringBuilder(Configured("Host=db").PostgresConnectionString()).NoResetOnClose, Is.True);

    [TestCase("No Reset On Close=false")]
    [TestCase("NoResetOnClose=false")]
    public void A_pool_return_setting_the_operator_set_is_kept(string noReset) =>
        Assert.That(new NpgsqlConnectionStringBuilder(Configured($"Host=db;{noReset}").PostgresConnectionString()).NoResetOnClose,
            Is.False);

    [Test]
    public void A_library_that_keeps_session_state_gets_the_reset_back() =>
        Assert.That(new NpgsqlConnectionStringBuilder(
            DatabaseConventions.WithConnectionReset(Configured("Host=db").PostgresConnectionString())).NoResetOnClose, Is.False);

    [Test]
    public void A_missing_connection_string_names_the_setting() =>
        Assert.That(() => Configured(null).PostgresConnectionString(),
            Throws.InvalidOperationException.With.Message.Contains("ConnectionStrings:postgres"));

    private static IConfiguration Configured(string? connectionString) =>
        new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:postgres", connectionString)]).Build();
}
