using Platform.TransformerWorker.Cache;
using Platform.TransformerWorker.Completions;
using Platform.TransformerWorker.Extensions;
using Platform.TransformerWorker.Health;
using Platform.ServiceDefaults;
using Platform.TransformerWorker.TransformerApi;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseInternalToken(() => TransformerErrors.Error(app.Services.GetRequiredService<TimeProvider>(), StatusCodes.Status401Unauthorized, "UNAUTHORIZED", InternalTokenExtensions.Refusal));
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapTransformerApi();
app.MapTransformerHealthApi();
app.MapCompletionsApi();
app.MapModelCacheApi();

app.Run();
