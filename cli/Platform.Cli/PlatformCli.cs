using System.CommandLine;
using Platform.Cli.Commands;
using Platform.Cli.Gateway;

namespace Platform.Cli;

/// <summary>The `platform` command tree; the process entry and tests both call <see cref="InvokeAsync"/>.</summary>
public static class PlatformCli
{
    public const int Failed = 1;

    /// <summary>The shell's convention for a run ended by Ctrl-C (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    /// <param name="interrupt">Ctrl-C: commands stop what they wait for and decide what happens to a submitted job.</param>
    public static Task<int> InvokeAsync(string[] args, CliContext context, CancellationToken interrupt)
    {
        var global = new GlobalOptions(context);
        var root = new RootCommand("platform: LLM pre-annotation from the command line (batch runs, jobs, prediction cache, API keys)")
        {
            Options = { global.Gateway, global.ApiKey },
            Subcommands = { KeysCommands.Create(context, global), RunCommand.Create(context, global), JobsCommands.Create(context, global),
                CacheCommands.Create(context, global) },
        };
        var configuration = new InvocationConfiguration
        {
            Output = context.Out.Profile.Out.Writer,
            Error = context.Error,
            // Program.cs owns Ctrl-C, so that a run can ask about its job instead of being killed after a grace period.
            ProcessTerminationTimeout = null,
        };
        return root.Parse(args).InvokeAsync(configuration, interrupt);
    }

    /// <summary>Runs a command against the Gateway, turning failures into one line on the error writer and an exit code.</summary>
    public static void SetGatewayAction(this Command command, CliContext context, GlobalOptions global,
        Func<ParseResult, GatewayClient, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parse, interrupt) =>
        {
            try
            {
                using var gateway = global.Connect(parse);
                return await action(parse, gateway, interrupt);
            }
            catch (CliException exception)
            {
                await context.Error.WriteLineAsync($"Error: {exception.Message}");
                return Failed;
            }
            catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
            {
                await context.Error.WriteLineAsync("Interrupted.");
                return Interrupted;
            }
        });
    }
}
