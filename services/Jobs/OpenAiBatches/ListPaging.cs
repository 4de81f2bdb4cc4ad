using Microsoft.EntityFrameworkCore;

namespace Platform.Jobs.OpenAiBatches;

/// <summary>OpenAI's cursor paging: newest first, `after` an id of the previous page, at most `limit` rows.</summary>
public static class ListPaging
{
    public static async Task<(List<T> Page, bool HasMore)?> PageAsync<T>(IQueryable<T> visible, string? after, int limit,
        CancellationToken cancellationToken) where T : class, IListed
    {
        var rows = visible;
        if (after is not null)
        {
            if (await visible.Where(row => row.Id == after).Select(row => (DateTimeOffset?)row.CreatedAt).SingleOrDefaultAsync(cancellationToken)
                is not { } cursor)
            {
                return null;
            }

            // Translated to SQL, where text compares by the database's collation, as the ORDER BY below does.
#pragma warning disable CA1309
            rows = rows.Where(row => row.CreatedAt < cursor || (row.CreatedAt == cursor && string.Compare(row.Id, after) > 0));
#pragma warning restore CA1309
        }

        var page = await rows.OrderByDescending(row => row.CreatedAt).ThenBy(row => row.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return page.Count > limit ? (page[..limit], true) : (page, false);
    }
}
