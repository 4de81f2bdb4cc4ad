namespace Platform.Gateway.Dashboard.Components;

/// <summary>
/// A row of a table that refreshes itself, equal to another row of the same <see cref="Key"/> whatever its values.
/// MudTable keys its rows by item, so a row whose values changed since the last refresh would be replaced by new
/// elements; a click whose press and release straddle that replacement is lost. Keyed by id, the row's elements stay
/// and only what changed in them is updated.
/// </summary>
public sealed class LiveRow<T>(string key, T value) : IEquatable<LiveRow<T>>
{
    public string Key { get; } = key;

    public T Value { get; } = value;

    public bool Equals(LiveRow<T>? other) => other is not null && Key == other.Key;

    public override bool Equals(object? obj) => Equals(obj as LiveRow<T>);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);
}
