package dev.agentd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agentd agents}: the supervised agents (cli §6.4–§6.7). Alone it prints its usage on stderr, exit 2. */
@Command(name = "agents",
        description = "Manage supervised agents.",
        subcommands = {AgentsListCommand.class, AgentsUpsertCommand.class, AgentsStartCommand.class,
            AgentsStopCommand.class, AgentsRestartCommand.class, AgentsRemoveCommand.class, AgentsLogsCommand.class})
public final class AgentsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return Main.USAGE_EXIT;
    }
}
