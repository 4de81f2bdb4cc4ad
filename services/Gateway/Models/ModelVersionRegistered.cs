namespace Platform.Gateway.Models;

public sealed record ModelVersionRegistered(string Status, string Message, ModelVersionView ModelVersion);
