namespace Platform.Providers;

/// <summary>Operator settings for calling providers (section `Providers`).</summary>
public sealed class ProvidersOptions
{
    public const string SectionName = "Providers";

    /// <summary>Local mode: base URLs on loopback are allowed (never in a shared deployment).</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Hosts allowed besides the known providers' own (for `custom` servers such as vLLM).</summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>Where the TransformerWorker's OpenAI-compatible API answers (`.../v1/`), for `model_type: local`.</summary>
    public Uri? LocalBaseUrl { get; set; }

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An upstream `Retry-After` longer than this is capped, so one item cannot stall for hours.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The most any one provider answer may carry (a whole JSON body, or all the events of a stream): past it the read
    /// fails as an unusable answer instead of filling the process's memory.
    /// </summary>
    public long MaxResponseBytes { get; set; } = 32 * 1024 * 1024;
}
