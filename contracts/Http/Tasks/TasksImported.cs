namespace Platform.Contracts.Http.Tasks;

public sealed record TasksImported(int Imported, int Created, int Updated, IReadOnlyList<string> TaskIds);
