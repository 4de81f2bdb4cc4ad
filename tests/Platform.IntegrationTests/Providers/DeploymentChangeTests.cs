namespace Platform.IntegrationTests.Providers;

/// <summary>The router keeps a client per deployment; a deployment changed by the registry or the API must not be called through the old one.</summary>
public sealed class DeploymentChangeTests : RoutingFixture
{
    [Test]
    public async Task A_changed_deployment_is_called_at_its_new_endpoint_with_its_new_key()
    {
        var before = await StartOpenAi();
        var after = await StartOpenAi();
        Deploy("d1", "chat", before.BaseUrl);
        await CompleteAsync("chat");

        Deploy("d1", "chat", after.BaseUrl, with: deployment => deployment with { Target = deployment.Target with { ApiKey = "sk-rotated" } });
        var answer = await CompleteAsync("chat");

        Assert.That(before.Calls, Has.Count.EqualTo(1));
        Assert.That(after.Calls.Single().Authorization, Is.EqualTo("Bearer sk-rotated"));
        Assert.That(answer.AnsweredBy.Target.ApiKey, Is.EqualTo("sk-rotated"));
    }
}
