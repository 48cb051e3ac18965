package dev.agentd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code agentd} command; on its own it only prints its usage (cli §1). */
@Command(name = "agentd",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run the agentd daemon and talk to it.",
        subcommands = {ServeCommand.class, StatusCommand.class, StopCommand.class, AgentsCommand.class,
            MemoryCommand.class, RunsCommand.class, HostCommand.class, BrowserCommand.class, CallCommand.class})
public final class AgentdCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return Main.USAGE_EXIT;
    }
}
