using Microsoft.Extensions.Configuration;

namespace Platform.AppHost;

/// <summary>The command line's flags, and configuration from the environment and <c>--key=value</c> arguments.</summary>
internal sealed record AppHostOptions(bool RunDemo, bool ExitAfterDemo, IConfiguration Configuration)
{
    public const string Usage = """
        Starts PostgreSQL, RabbitMQ, Jobs, ProviderWorker, TransformerWorker and Gateway locally, then runs the demo batch job.
          --no-demo            do not run the demo
          --exit-after-demo    stop everything once the demo has printed (exit code 0 if its job completed)
          --gateway-url URL    where the Gateway listens (default http://localhost:8000; config Gateway:Url)
          --data-dir DIR       where the servers keep their data (default .platform/ in the repository; config DataDirectory)
        Existing servers are used when ConnectionStrings__postgres / ConnectionStrings__rabbitmq are set.
        The demo's model: OPENAI_API_KEY, ZHIPU_API_KEY, or Demo__Model__model_type, __model_name, __base_url, __api_key, ...;
        without one it uses the TransformerWorker's local model.
        """;

    private const string NoDemo = "--no-demo";
    private const string ExitAfter = "--exit-after-demo";

    public static AppHostOptions Parse(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(
                [.. args.Where(arg => arg is not (NoDemo or ExitAfter))],
                new Dictionary<string, string> { ["--gateway-url"] = "Gateway:Url", ["--data-dir"] = "DataDirectory" })
            .Build();
        return new AppHostOptions(!args.Contains(NoDemo), args.Contains(ExitAfter), configuration);
    }
}
