namespace Platform.Jobs.Callers;

/// <summary>A row that belongs to the caller that created it.</summary>
public interface IOwned
{
    string Owner { get; }
}
