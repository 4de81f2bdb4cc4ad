using Platform.Gateway.Batches;
using Platform.Gateway.Extensions;
using Platform.Gateway.Transformer;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapApiExplorer();
app.MapBatchApi();
app.MapTransformerApi();

app.Run();
