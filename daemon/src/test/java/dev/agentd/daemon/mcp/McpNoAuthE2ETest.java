package dev.agentd.daemon.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.daemon.DaemonExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A {@code --no-auth} daemon ignores credentials on /mcp (mcp §5): the last part of check 9 of mcp §16. */
class McpNoAuthE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().noAuth().build();

    /** Check 9: answers without credentials. */
    @Test
    void aNoAuthDaemonAnswersWithoutCredentials() {
        McpHttp mcp = McpHttp.at(agentd.httpBase());

        McpHttp.Session session = mcp.initialize(McpHttp.LATEST);
        McpHttp.Reply tools = mcp.call(session.id(), "tools/list", null);

        assertThat(session.id()).isNotNull();
        assertThat(tools.status()).isEqualTo(200);
        assertThat(tools.result().get("tools")).hasSize(8);
    }

    @Test
    void credentialsAreIgnoredAndEveryoneIsTheSamePrincipal() {
        McpHttp anonymous = McpHttp.at(agentd.httpBase());
        McpHttp withSomeToken = anonymous.withToken("anything-at-all");
        McpHttp asAnAgent = anonymous.withToken("whatever").withAgent("nobody");

        String session = withSomeToken.initialize(McpHttp.LATEST).id();

        assertThat(anonymous.call(session, "ping", null).status()).isEqualTo(200);
        assertThat(asAnAgent.call(session, "ping", null).status()).isEqualTo(200);
    }
}
