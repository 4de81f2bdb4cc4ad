namespace Platform.IntegrationTests.Models;

/// <summary>A raw JSON body, for requests a typed client could not send.</summary>
public sealed record StringContentBody(string Json);
