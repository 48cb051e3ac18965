package dev.agentd.daemon.mcp;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

/** Step 1 of mcp §3: the path is exactly {@code /mcp}; the query is ignored. */
final class McpRoute {
    static final String PATH = "/mcp";

    private McpRoute() {}

    static boolean matches(HttpRequest request) {
        return PATH.equals(new QueryStringDecoder(request.uri()).path());
    }
}
