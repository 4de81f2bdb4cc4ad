using System.Collections.Concurrent;
using System.Security.Cryptography;
using Platform.AppHost.Local;

namespace Platform.IntegrationTests.Infrastructure;

public enum ServiceKind
{
    Gateway,
    Jobs,
    TransformerWorker,
}
