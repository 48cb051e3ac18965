package dev.agentd.bench.mcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * The MCP endpoint a bench tool talks to, {@code http://<loopback host>:<port>/<path>}. Only
 * loopback addresses are accepted, like the WebSocket load tools: a load client must never be
 * pointed at someone else's machine.
 *
 * @param hostHeader the {@code Host} header value, {@code host:port} as written in the URL
 */
record McpTarget(InetSocketAddress address, String hostHeader, String path) {

    static McpTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url: " + url + " (expected: http://127.0.0.1:<port>/mcp)", e);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException("--url: " + url + " (expected: http://<loopback host>:<port>/mcp)");
        }
        InetAddress host = resolve(uri.getHost());
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("--url: " + url + " (expected: a loopback host, got " + host + ")");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new McpTarget(new InetSocketAddress(host, uri.getPort()), uri.getHost() + ":" + uri.getPort(), path);
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--url: unknown host " + host, e);
        }
    }
}
