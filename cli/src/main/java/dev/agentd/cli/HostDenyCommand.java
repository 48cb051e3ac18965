package dev.agentd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agentd host deny APPROVAL_ID [--notes TEXT]}: {@code host.resolve_approval} with {@code approved: false}. */
@Command(name = "deny", description = "Deny a pending approval.")
public final class HostDenyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ApprovalDecision decision;

    @Override
    public Integer call() {
        return decision.resolve(spec, false);
    }
}
