package dev.agentd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agentd host approve APPROVAL_ID [--notes TEXT]}: {@code host.resolve_approval} with {@code approved: true}. */
@Command(name = "approve", description = "Approve a pending approval.")
public final class HostApproveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ApprovalDecision decision;

    @Override
    public Integer call() {
        return decision.resolve(spec, true);
    }
}
