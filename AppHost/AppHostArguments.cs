namespace Platform.AppHost;

/// <summary>The command line's flags, turned into configuration keys of <see cref="PlatformSettings"/>.</summary>
internal static class AppHostArguments
{
    public const string Usage = """
        Starts PostgreSQL, RabbitMQ, Jobs, ProviderWorker, TransformerWorker and Gateway with the Aspire dashboard,
        then runs the demo batch job.
          --no-demo            do not run the demo
          --exit-after-demo    stop everything once the demo has printed (exit code 0 if its job completed)
          --gateway-url URL    where the Gateway listens (default http://localhost:8000; config Platform:GatewayUrl)
          --data-dir DIR       where the servers keep their data (default .platform/ in the repository; config Platform:DataDirectory)
        Worker replicas: Platform:ProviderWorkerReplicas (2), Platform:TransformerWorkerReplicas (1).
        Existing servers are used when ConnectionStrings__postgres / ConnectionStrings__rabbitmq are set.
        The demo's model: OPENAI_API_KEY, ZHIPU_API_KEY, or Demo__Model__model_type, __model_name, __base_url, __api_key, ...;
        without one it uses the TransformerWorker's local model.
        """;

    private static readonly Dictionary<string, string> Flags = new()
    {
        ["--no-demo"] = $"--{PlatformSettings.Section}:{nameof(PlatformSettings.RunDemo)}=false",
        ["--exit-after-demo"] = $"--{PlatformSettings.Section}:{nameof(PlatformSettings.ExitAfterDemo)}=true",
    };

    private static readonly Dictionary<string, string> Options = new()
    {
        ["--gateway-url"] = $"--{PlatformSettings.Section}:{nameof(PlatformSettings.GatewayUrl)}",
        ["--data-dir"] = $"--{PlatformSettings.Section}:{nameof(PlatformSettings.DataDirectory)}",
    };

    public static bool AsksForHelp(string[] args) => args.Contains("--help") || args.Contains("-h");

    /// <summary>Flags without a value become <c>--key=value</c>, which the configuration's command-line source needs.</summary>
    public static string[] ToConfiguration(string[] args) =>
        [.. args.Select(arg => Flags.GetValueOrDefault(arg) ?? Options.GetValueOrDefault(arg) ?? arg)];
}
