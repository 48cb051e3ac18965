package dev.agentd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agentd runs}: run traces (cli §6.9, §6.10). Alone it prints its usage on stderr, exit 2. */
@Command(name = "runs",
        description = "Read run traces (with the host token).",
        subcommands = {RunsListCommand.class, RunsTraceCommand.class})
public final class RunsCommand implements Callable<Integer> {
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
