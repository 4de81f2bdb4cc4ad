using Platform.Providers.Extraction;

namespace Platform.UnitTests.Providers;

public sealed class JsonAnswerExtractorTests
{
    [Test]
    public void Reads_an_answer_that_is_json_as_a_whole()
    {
        var answer = JsonAnswerExtractor.Extract("  {\"sentiment\": \"positive\", \"confidence\": 0.95}\n");

        Assert.That(answer.Json?.GetProperty("sentiment").GetString(), Is.EqualTo("positive"));
        Assert.That(answer.Confidence, Is.EqualTo(0.95));
    }

    [Test]
    public void Reads_a_fenced_json_block_inside_prose()
    {
        const string text = "好的，分析如下：\n```json\n{\"sentiment\": \"negative\", \"labels\": [\"失望\"]}\n```\n希望有帮助。";

        var answer = JsonAnswerExtractor.Extract(text);

        Assert.That(answer.Json?.GetProperty("labels")[0].GetString(), Is.EqualTo("失望"));
        Assert.That(answer.Confidence, Is.Null);
    }

    [Test]
    public void Reads_the_first_complete_object_embedded_in_prose_even_with_braces_before_it()
    {
        const string text = "Use {curly} braces like this: {\"label\": \"sports\", \"note\": \"a } inside a string\"} and that's it {\"label\": \"other\"}";

        var answer = JsonAnswerExtractor.Extract(text);

        Assert.That(answer.Json?.GetProperty("label").GetString(), Is.EqualTo("sports"));
        Assert.That(answer.Json?.GetProperty("note").GetString(), Is.EqualTo("a } inside a string"));
    }

    [Test]
    public void Tolerates_trailing_commas_that_models_often_write()
    {
        var answer = JsonAnswerExtractor.Extract("{\"sentiment\": \"neutral\", \"confidence\": 0.5,}");

        Assert.That(answer.Json?.GetProperty("sentiment").GetString(), Is.EqualTo("neutral"));
    }

    [Test]
    public void Returns_no_json_when_the_answer_has_none()
    {
        var answer = JsonAnswerExtractor.Extract("The sentiment is positive {but not json");

        Assert.That(answer.Json, Is.Null);
        Assert.That(answer.Confidence, Is.Null);
    }

    [TestCase("{\"confidence\": 87}", 0.87)]
    [TestCase("{\"confidence\": \"0.7\"}", 0.7)]
    [TestCase("{\"confidence\": \"65%\"}", 0.65)]
    public void Reads_confidence_given_as_percentage_or_string_as_a_fraction(string text, double expected)
    {
        Assert.That(JsonAnswerExtractor.Extract(text).Confidence, Is.EqualTo(expected).Within(1e-9));
    }

    [TestCase("{\"confidence\": -1}")]
    [TestCase("{\"confidence\": 250}")]
    [TestCase("{\"confidence\": \"high\"}")]
    public void Ignores_confidence_values_that_are_not_a_fraction_or_percentage(string text)
    {
        Assert.That(JsonAnswerExtractor.Extract(text).Confidence, Is.Null);
    }
}
