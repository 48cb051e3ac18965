package dev.agentd.daemon.mcp.clients;

import dev.agentd.browser.testing.ToolRequirement;
import java.util.Optional;

/** The extension behind {@link RequiresNode}: this machine's probe of the harness decides. */
public final class RequiresNodeExtension extends ToolRequirement {
    @Override
    protected String tool() {
        return "Node";
    }

    @Override
    protected Optional<String> missingReason() {
        return NodeHarness.thisMachine().missingReason();
    }
}
