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

    [Test]
    public void Fills_seed_004s_input_text_placeholder_too_and_sends_a_template_without_one_as_it_is()
    {
        Assert.That(PromptRenderer.Render("分析以下文本: {input_text}", "服务质量有待提高"), Is.EqualTo("分析以下文本: 服务质量有待提高"));
        Assert.That(PromptRenderer.Render("a finished prompt", "content not appended"), Is.EqualTo("a finished prompt"));
    }

    [Test]
    public void A_system_prompt_comes_first_as_the_system_message()
    {
        var messages = PromptRenderer.Messages("你是一个专业的文本分析师。", "评论：很好");

        Assert.That(messages.Select(message => (message.Role.Value, message.Text)),
            Is.EqualTo(new[] { ("system", "你是一个专业的文本分析师。"), ("user", "评论：很好") }));
        Assert.That(PromptRenderer.Messages(null, "评论：很好").Select(message => message.Role.Value), Is.EqualTo(new[] { "user" }));
    }
}
