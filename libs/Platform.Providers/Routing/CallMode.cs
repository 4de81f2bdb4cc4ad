using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Platform.Providers.Models;
using Platform.Providers.Resilience;

namespace Platform.Providers.Routing;

/// <summary>Batch callers wait for quota; interactive callers are told to come back (429 with Retry-After).</summary>
public enum CallMode
{
    Batch,
    Interactive,
}
