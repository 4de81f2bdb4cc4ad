using System.CommandLine;
using Platform.Contracts.Http.Keys;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>`platform keys create|list|revoke`: stored API keys, managed with an admin key under `/api/llm/keys`.</summary>
public static class KeysCommands
{
    public static Command Create(CliContext context, GlobalOptions global) =>
        new("keys", "Create, list and revoke platform API keys (needs an admin key)")
        {
            Subcommands = { CreateKey(context, global), ListKeys(context, global), RevokeKey(context, global) },
        };

    private static Command CreateKey(CliContext context, GlobalOptions global)
    {
        var name = new Option<string>("--name") { Description = "Who or what the key is for", Required = true };
        var role = new Option<string>("--role") { Description = "user (calls the APIs) or admin (also manages keys)", DefaultValueFactory = _ => "user" };
        role.AcceptOnlyFromAmong("user", "admin");
        var rpm = new Option<int?>("--rpm") { Description = "Requests per minute allowed to this key (default: the Gateway's)" };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the key stops working, ISO 8601 (e.g. 2027-01-01T00:00:00Z)" };
        var command = new Command("create", "Create a key; it is printed once and never again") { name, role, rpm, expires };
        command.SetGatewayAction(context, global, async (parse, gateway, cancellationToken) =>
        {
            var created = await gateway.CreateKeyAsync(
                new CreateKeyRequest(parse.GetRequiredValue(name), Enum.Parse<ApiKeyRole>(parse.GetRequiredValue(role), ignoreCase: true), parse.GetValue(rpm), parse.GetValue(expires)), cancellationToken);
            var limit = created.RequestsPerMinute is { } perMinute ? $"{perMinute} requests/min" : "the Gateway's default rate limit";
            context.Out.MarkupLineInterpolated($"Created API key [bold]{created.Id}[/] '{created.Name}' (role {Display.Role(created.Role)}, {limit}, expires {Display.Time(created.ExpiresAt)}):");
            // Written raw: a console-width wrap would break a copied key.
            await context.Out.Profile.Out.Writer.WriteLineAsync(created.Key);
            context.Out.MarkupLine("[yellow]Warning: this is the only time the key is shown. Store it now (e.g. in PLATFORM_API_KEY).[/]");
            return 0;
        });
        return command;
    }

    private static Command ListKeys(CliContext context, GlobalOptions global)
    {
        var command = new Command("list", "List keys (ids and prefixes only; secrets are never shown)");
        command.SetGatewayAction(context, global, async (_, gateway, cancellationToken) =>
        {
            var keys = (await gateway.ListKeysAsync(cancellationToken)).Keys;
            var table = new Table().AddColumns("id", "name", "role", "prefix", "rpm", "created", "expires", "last used", "revoked");
            foreach (var key in keys)
            {
                table.AddRow(Markup.Escape(key.Id), Markup.Escape(key.Name), Display.Role(key.Role), Markup.Escape(key.Prefix),
                    key.RequestsPerMinute?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default",
                    Display.Time(key.CreatedAt), Display.Time(key.ExpiresAt), Display.Time(key.LastUsedAt),
                    key.Revoked ? $"yes, {Display.Time(key.RevokedAt)}" : "no");
            }

            context.Out.Write(table);
            context.Out.MarkupLineInterpolated($"{keys.Count} key(s)");
            return 0;
        });
        return command;
    }

    private static Command RevokeKey(CliContext context, GlobalOptions global)
    {
        var keyId = new Argument<string>("key_id") { Description = "The key's id (as `keys list` shows it)" };
        var command = new Command("revoke", "Revoke a key; other Gateway replicas stop accepting it within their key cache duration") { keyId };
        command.SetGatewayAction(context, global, async (parse, gateway, cancellationToken) =>
        {
            var key = await gateway.RevokeKeyAsync(parse.GetRequiredValue(keyId), cancellationToken);
            context.Out.MarkupLineInterpolated($"Revoked API key [bold]{key.Id}[/] '{key.Name}'.");
            return 0;
        });
        return command;
    }
}
