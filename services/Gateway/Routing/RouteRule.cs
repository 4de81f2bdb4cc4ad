namespace Platform.Gateway.Routing;

/// <summary>
/// A rule that applies to a method (or `*`) on a route template and every template below it, matched
/// against the endpoint routing chose, so that spelling a path differently cannot step around it.
/// </summary>
public sealed record RouteRule(string Method, string Template)
{
    public const string AnyMethod = "*";

    public bool Matches(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } raw
        && (Method == AnyMethod || HttpMethods.Equals(Method, context.Request.Method))
        && ("/" + raw.Trim('/')) is var template
        && (template.Equals(Template, StringComparison.OrdinalIgnoreCase) || template.StartsWith(Template + "/", StringComparison.OrdinalIgnoreCase));
}
