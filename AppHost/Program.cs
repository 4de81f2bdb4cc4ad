using Platform.AppHost;
using Platform.AppHost.Extensions;

if (AppHostArguments.AsksForHelp(args))
{
    Console.WriteLine(AppHostArguments.Usage);
    return;
}

var builder = DistributedApplication.CreateBuilder(AppHostArguments.ToConfiguration(args));
builder.AddPlatform();

// Disposing the app stops the servers it started, after DCP has stopped the services.
await using var app = builder.Build();
await app.RunAsync();
