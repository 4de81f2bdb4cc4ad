using Platform.Gateway.Cache;
using Platform.Gateway.Dashboard;
using Platform.Gateway.Errors;
using Platform.Gateway.Extensions;
using Platform.Gateway.Forwarding;
using Platform.Gateway.Inference;
using Platform.Gateway.Predict;
using Platform.Gateway.Keys;
using Platform.Gateway.Llm;
using Platform.Gateway.Models;
using Platform.Gateway.RateLimiting;
using Platform.Gateway.OpenAi;
using Platform.Gateway.Realtime;
using Platform.Gateway.Routing;
using Platform.Llm.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddDashboard();

var app = builder.Build();
// The Gateway owns the `llm` schema; Kubernetes applies it once per release in a Job (deploy/base/migrations/) before replicas roll.
await app.Services.MigrateLlmDatabaseAsync();
if (args.Contains("--migrate-only"))
{
    return;
}

app.UseErrorCatalogue();
app.UseDashboardAssets();
app.UseWebSockets();
// Before authentication: a browser's preflight carries no key.
app.UseCors();
app.UseRequestHeaderChecks();
app.UseAuthentication();
app.UseAuthorization();
app.UseSharedRateLimits();
app.UseRequestBodyLimits();

app.MapDefaultEndpoints();
app.MapApiExplorer();
app.MapForwardedRoutes();
app.MapKeysApi();
app.MapModelsApi();
app.MapInteractiveApi();
app.MapCacheApi();
app.MapLlmApi();
app.MapOpenAiApi();
app.MapInferenceSocket();
app.MapInferenceApi();
app.MapDashboard();

app.Run();
