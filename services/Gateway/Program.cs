using Platform.Gateway.Batches;
using Platform.Gateway.Extensions;
using Platform.Gateway.Keys;
using Platform.Gateway.Models;
using Platform.Gateway.Transformer;
using Platform.Providers.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
await app.Services.MigrateLlmDatabaseAsync();

app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapApiExplorer();
app.MapBatchApi();
app.MapKeysApi();
app.MapTransformerApi();
app.MapModelsApi();

app.Run();
