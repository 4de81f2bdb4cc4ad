using Platform.ProviderWorker.Extensions;
using Platform.Providers.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
await app.Services.MigrateLlmDatabaseAsync();
// Kubernetes applies migrations once per release in a Job (deploy/base/migrations/) before replicas roll.
if (args.Contains("--migrate-only"))
{
    return;
}

app.MapDefaultEndpoints();

app.Run();
