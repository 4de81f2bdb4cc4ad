using Platform.Jobs.Admin;
using Platform.Jobs.Batches;
using Platform.Jobs.Data;
using Platform.Jobs.Extensions;
using Platform.Jobs.OpenAiBatches;
using Platform.Jobs.Tasks;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

await app.Services.MigrateJobsDatabaseAsync();
// Kubernetes applies migrations once per release in a Job (deploy/base/migrations/) before replicas roll.
if (args.Contains("--migrate-only"))
{
    return;
}

app.UseExceptionHandler();
app.UseInternalToken(() => AiApiError.Json(StatusCodes.Status401Unauthorized, "Unauthorized", InternalTokenExtensions.Refusal, null));
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapTasksApi();
app.MapBatchApi();
app.MapQueueAdminApi();
app.MapMaintenanceDashboard();
app.MapOpenAiFilesApi();
app.MapOpenAiBatchesApi();

app.Run();
