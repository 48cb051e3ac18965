package dev.agentd.daemon.e2e;

import static dev.agentd.daemon.RpcAssertions.assertRpcError;

import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A daemon started without {@code agentd.test-hooks=true} has no test methods (core §18.1).
 * Covers core §19 check 43; the extension clears the property only around {@code Daemon.start}.
 */
class TestHooksDisabledE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().withoutTestHooks().build();

    @Test
    void testBlockDoesNotExist() {
        RpcClient client = agentd.connect();

        assertRpcError(() -> client.call("test.block", Json.mapper().createObjectNode().put("ms", 0),
                        DaemonExtension.TIMEOUT),
                ErrorCodes.METHOD_NOT_FOUND, "method not found: test.block");
    }
}
