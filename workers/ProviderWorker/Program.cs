using Platform.ProviderWorker.Extensions;
using Platform.Providers.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
await app.Services.MigrateLlmDatabaseAsync();

app.MapDefaultEndpoints();

app.Run();
