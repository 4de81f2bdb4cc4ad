namespace Platform.Jobs.Callers;

public static class OwnedQueries
{
    /// <summary>
    /// What the caller may see: its own rows, or every row for an admin. Anything else reads as missing (a 404), so
    /// one owner cannot even learn that another's id exists.
    /// </summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> rows, Caller caller) where T : class, IOwned =>
        caller.IsAdmin ? rows : rows.Where(row => row.Owner == caller.Owner);

    public static bool IsVisibleTo(this IOwned row, Caller caller) => caller.IsAdmin || row.Owner == caller.Owner;
}
