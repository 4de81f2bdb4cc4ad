using Platform.Providers.Prompts;

namespace Platform.UnitTests.Providers;

public sealed class PromptRendererTests
{
    [Test]
    public void Replaces_the_content_placeholder_and_keeps_literal_json_braces()
    {
        const string template = "只输出 JSON：{\"sentiment\": \"positive|negative\"}\n评论：{content}";

        var prompt = PromptRenderer.Render(template, "质量很差");

        Assert.That(prompt, Is.EqualTo("只输出 JSON：{\"sentiment\": \"positive|negative\"}\n评论：质量很差"));
    }

    [Test]
    public void Replaces_every_occurrence_and_does_not_interpret_braces_in_the_content()
    {
        var prompt = PromptRenderer.Render("A: {content} / B: {content}", "{content} {0}");

        Assert.That(prompt, Is.EqualTo("A: {content} {0} / B: {content} {0}"));
    }
}
