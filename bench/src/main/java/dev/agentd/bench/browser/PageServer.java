package dev.agentd.bench.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The small local page of the browser benchmark: {@code /form.html} (the form of browser §13.2:
 * text inputs, a checkbox, a select, buttons) on {@code 127.0.0.1:<port>}, so agentd and the
 * Playwright peer load the same bytes from the same server. Prints
 * {@code pages listening on http://127.0.0.1:<port>/} and serves until killed.
 *
 * <pre>java -cp bench/target/agentd-bench.jar dev.agentd.bench.browser.PageServer [--port N]</pre>
 */
public final class PageServer {
    private static final String PAGE = "/form.html";

    private PageServer() {}

    public static void main(String[] args) throws IOException {
        int port = args.length == 2 && args[0].equals("--port") ? Integer.parseInt(args[1]) : 0;
        byte[] page = readPage();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> serve(exchange, page));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.print("pages listening on http://127.0.0.1:" + server.getAddress().getPort() + "/\n");
        System.out.flush();
    }

    private static void serve(HttpExchange exchange, byte[] page) throws IOException {
        try (exchange) {
            boolean found = exchange.getRequestURI().getPath().equals(PAGE);
            byte[] body = found ? page : "not found".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", found ? "text/html; charset=utf-8" : "text/plain");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(found ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] readPage() throws IOException {
        try (InputStream in = PageServer.class.getResourceAsStream("/bench-pages" + PAGE)) {
            if (in == null) {
                throw new IOException("resource /bench-pages" + PAGE + " missing from the bench jar");
            }
            return in.readAllBytes();
        }
    }
}
