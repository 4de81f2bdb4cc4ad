using Platform.Contracts;

namespace Platform.Jobs.Callers;

/// <summary>
/// Whose request Jobs is serving, as the Gateway authenticated it (<see cref="InternalHeaders"/>). A call without
/// the Gateway's identity headers comes from the machine's operator (local mode, tests of Jobs alone): it owns
/// what it creates as `local` and sees everything.
/// </summary>
public sealed record Caller(string Owner, bool IsAdmin)
{
    public const string LocalOwner = "local";

    public static Caller Local { get; } = new(LocalOwner, IsAdmin: true);

    public static Caller Of(HttpContext context) =>
        context.Request.Headers[InternalHeaders.Caller].FirstOrDefault() is { Length: > 0 } owner
            ? new Caller(owner, context.Request.Headers[InternalHeaders.CallerRole].FirstOrDefault() == "admin")
            : Local;

    /// <summary>Lets handlers take the caller as a parameter.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult<Caller?>(Of(context));
}
