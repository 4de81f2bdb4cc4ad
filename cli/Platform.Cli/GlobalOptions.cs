using System.CommandLine;
using Platform.Cli.Gateway;

namespace Platform.Cli;

/// <summary>`--gateway` and `--api-key`, valid on every command; the key is sent as a header and never printed.</summary>
public sealed class GlobalOptions
{
    public const string GatewayVariable = "PLATFORM_GATEWAY_URL";
    public const string ApiKeyVariable = "PLATFORM_API_KEY";
    public const string DefaultGateway = "http://localhost:8000";

    private readonly CliContext _context;

    public GlobalOptions(CliContext context)
    {
        _context = context;
        Gateway = new Option<string>("--gateway")
        {
            Description = $"Gateway base URL [env {GatewayVariable}, default {DefaultGateway}]",
            Recursive = true,
        };
        ApiKey = new Option<string>("--api-key")
        {
            Description = $"Platform API key [env {ApiKeyVariable}; prefer the variable, it stays out of shell history]",
            Recursive = true,
        };
    }

    public Option<string> Gateway { get; }

    public Option<string> ApiKey { get; }

    public GatewayClient Connect(ParseResult parse)
    {
        var url = parse.GetValue(Gateway) ?? _context.Environment(GatewayVariable) ?? DefaultGateway;
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--gateway '{url}' is not an http(s) URL.");
        }

        var http = new HttpClient(_context.CreateHandler()) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
        if ((parse.GetValue(ApiKey) ?? _context.Environment(ApiKeyVariable)) is { Length: > 0 } apiKey)
        {
            http.DefaultRequestHeaders.Add(GatewayClient.ApiKeyHeader, apiKey);
        }

        return new GatewayClient(http);
    }
}
