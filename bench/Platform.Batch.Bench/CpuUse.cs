namespace Platform.Batch.Bench;

/// <summary>CPU time each part of the bench platform has spent, so that a run can say where its cores went.</summary>
internal sealed record CpuUse(TimeSpan Jobs, TimeSpan Workers, TimeSpan Postgres, TimeSpan RabbitMq, TimeSpan UpstreamAndClient)
{
    public TimeSpan Total => Jobs + Workers + Postgres + RabbitMq + UpstreamAndClient;

    public static CpuUse operator -(CpuUse after, CpuUse before) => new(after.Jobs - before.Jobs, after.Workers - before.Workers,
        after.Postgres - before.Postgres, after.RabbitMq - before.RabbitMq, after.UpstreamAndClient - before.UpstreamAndClient);

    public static CpuUse operator /(CpuUse cpu, double seconds) => new(cpu.Jobs / seconds, cpu.Workers / seconds,
        cpu.Postgres / seconds, cpu.RabbitMq / seconds, cpu.UpstreamAndClient / seconds);

    public string PerItem(int items) =>
        $"Jobs {Micros(Jobs, items)} µs, workers {Micros(Workers, items)} µs, PostgreSQL {Micros(Postgres, items)} µs, " +
        $"RabbitMQ {Micros(RabbitMq, items)} µs, upstream and client {Micros(UpstreamAndClient, items)} µs";

    /// <summary>For CPU measured over one second.</summary>
    public string PerSecond() =>
        $"Jobs {Jobs.TotalMilliseconds:F0}, workers {Workers.TotalMilliseconds:F0}, PostgreSQL {Postgres.TotalMilliseconds:F0}, RabbitMQ {RabbitMq.TotalMilliseconds:F0} ms of CPU a second";

    public static string Micros(TimeSpan cpu, int items) => $"{cpu.TotalMilliseconds * 1000 / items:F0}";
}
