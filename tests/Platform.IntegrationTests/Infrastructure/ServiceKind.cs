namespace Platform.IntegrationTests.Infrastructure;

public enum ServiceKind
{
    Gateway,
    Jobs,
    ProviderWorker,
    TransformerWorker,
}
