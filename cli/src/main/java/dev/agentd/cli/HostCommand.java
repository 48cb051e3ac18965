package dev.agentd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code agentd host}: the host registry (host specification), with the host token. Alone it
 * prints its usage on stderr, exit 2, like the other command groups.
 */
@Command(name = "host",
        description = "Watch the host registry and resolve approvals (with the host token).",
        subcommands = {HostWatchCommand.class, HostApproveCommand.class, HostDenyCommand.class})
public final class HostCommand implements Callable<Integer> {
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
