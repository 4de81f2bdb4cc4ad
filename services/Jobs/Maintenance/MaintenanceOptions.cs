using System.ComponentModel.DataAnnotations;

namespace Platform.Jobs.Maintenance;

/// <summary>
/// Section `Maintenance`: when the recurring maintenance jobs run (cron with an optional leading seconds field,
/// UTC) and how long finished work is kept. Hangfire runs each at most once per tick across every Jobs replica.
/// </summary>
public sealed class MaintenanceOptions
{
    public const string SectionName = "Maintenance";

    [Required]
    public string LeaseSweepCron { get; set; } = "*/5 * * * * *";

    [Required]
    public string CachePurgeCron { get; set; } = "0 */5 * * * *";

    [Required]
    public string RetentionCron { get; set; } = "0 30 3 * * *";

    /// <summary>Usage records older than this are deleted; the hourly rollups that summarise them are kept.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan UsageRecordRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Jobs that ended longer ago than this are deleted with their items and results.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan FinishedJobRetention { get; set; } = TimeSpan.FromDays(30);
}
