using Platform.Gateway.Batches;
using Platform.Gateway.Extensions;
using Platform.Gateway.Models;
using Platform.Providers.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
await app.Services.MigrateLlmDatabaseAsync();

app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapApiExplorer();
app.MapBatchApi();
app.MapModelsApi();

app.Run();
