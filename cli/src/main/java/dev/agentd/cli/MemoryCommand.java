package dev.agentd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agentd memory}: facts in a memory graph (cli §6.8). Alone it prints its usage on stderr, exit 2. */
@Command(name = "memory",
        description = "Add facts to a memory graph and read them back.",
        subcommands = {MemoryAddCommand.class, MemoryQueryCommand.class, MemoryContextCommand.class})
public final class MemoryCommand implements Callable<Integer> {
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
