using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway.Models;
using Platform.ServiceDefaults.Validation;

namespace Platform.UnitTests.Validation;

/// <summary>`.Validates&lt;T&gt;()` on a real endpoint: problems go to the service's rejecter, a valid body to the handler.</summary>
public sealed class RequestValidationFilterTests
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IValidationRejecter, ListingRejecter>();
        builder.Services.AddSingleton<IRequestValidator<Greeting>, GreetingValidator>();
        _app = builder.Build();
        _app.MapPost("/greet", (HttpContext context, Greeting greeting) => TypedResults.Ok($"hello {greeting.Name}")).Validates<Greeting>();
        _app.MapPost("/greet/bound", (JsonBody<Greeting> body) => TypedResults.Ok($"hello {body.Value!.Name}")).Validates<Greeting>();
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task A_valid_body_reaches_the_handler()
    {
        using var response = await _client.PostAsJsonAsync("/greet", new { name = "Ada" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadFromJsonAsync<string>(), Is.EqualTo("hello Ada"));
    }

    [Test]
    public async Task Every_problem_of_an_invalid_body_reaches_the_rejecter_and_the_handler_does_not_run()
    {
        using var response = await _client.PostAsJsonAsync("/greet", new { name = "" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("name is required (name); name must be capitalised"));
    }

    [Test]
    public async Task A_body_that_binds_itself_is_validated_and_its_read_error_is_rejected_like_a_problem()
    {
        using var valid = await _client.PostAsJsonAsync("/greet/bound", new { name = "Grace" });
        using var invalid = await _client.PostAsJsonAsync("/greet/bound", new { name = "grace" });
        using var unreadable = await _client.PostAsync("/greet/bound", new StringContent("not json", Encoding.UTF8, "application/json"));

        Assert.That(await valid.Content.ReadFromJsonAsync<string>(), Is.EqualTo("hello Grace"));
        Assert.That(await invalid.Content.ReadAsStringAsync(), Is.EqualTo("name must be capitalised"));
        Assert.That(unreadable.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await unreadable.Content.ReadAsStringAsync(), Is.EqualTo("The request body is not valid JSON"));
    }

    private sealed record Greeting(string? Name);

    private sealed class GreetingValidator : IRequestValidator<Greeting>
    {
        public ValueTask<IReadOnlyList<ValidationProblem>> ValidateAsync(Greeting request, CancellationToken cancellationToken)
        {
            var problems = new List<ValidationProblem>();
            if (string.IsNullOrEmpty(request.Name))
            {
                problems.Add(new ValidationProblem("name is required", "name"));
            }

            if (request.Name is not [>= 'A' and <= 'Z', ..])
            {
                problems.Add(new ValidationProblem("name must be capitalised"));
            }

            return new(problems);
        }
    }

    /// <summary>Says every problem, with its field, so the test sees exactly what the filter handed over.</summary>
    private sealed class ListingRejecter : IValidationRejecter
    {
        public IResult Reject(HttpContext context, IReadOnlyList<ValidationProblem> problems) =>
            TypedResults.Content(string.Join("; ", problems.Select(problem => problem.Field is null ? problem.Message : $"{problem.Message} ({problem.Field})")),
                statusCode: StatusCodes.Status422UnprocessableEntity);
    }
}
