using Microsoft.EntityFrameworkCore;
using Platform.Llm.Data;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// A fixed one-minute window per key, counted in PostgreSQL so that every Gateway replica draws on the same count. The
/// window opens at the key's first request (as ASP.NET's fixed-window limiter does) and is reset by the first request
/// after it ends; the upsert locks the key's row, so concurrent requests on any replicas are counted one by one.
/// </summary>
public sealed class SharedRateLimiter(LlmDbContext db)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public async Task<RateLimitDecision> AcquireAsync(string keyId, int requestsPerMinute, CancellationToken cancellationToken)
    {
        var decisions = await db.Database.SqlQuery<RateLimitDecision>($"""
            INSERT INTO llm.rate_limit_windows AS w (key, window_start, count) VALUES ({keyId}, now(), 1)
            ON CONFLICT (key) DO UPDATE SET
                window_start = CASE WHEN w.window_start + {Window} <= now() THEN now() ELSE w.window_start END,
                count = CASE WHEN w.window_start + {Window} <= now() THEN 1 ELSE w.count + 1 END
            RETURNING w.count <= {requestsPerMinute} AS "Allowed", w.window_start + {Window} - now() AS "RetryAfter"
            """).ToListAsync(cancellationToken);
        return decisions.Single();
    }
}
