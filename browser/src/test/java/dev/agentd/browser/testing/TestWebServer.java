package dev.agentd.browser.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The test HTTP server of browser §13.2: the pages under {@code src/test/resources/web/} plus
 * the dynamic endpoints ({@code /submitted}, {@code /slow.html?ms=N}, the late image of
 * {@code /slow-load.html}, {@code /echo-cookies}) on {@code 127.0.0.1:0}.
 */
public final class TestWebServer implements AutoCloseable {
    /** A 1×1 transparent PNG. */
    private static final byte[] PIXEL = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-web-server");
        thread.setDaemon(true);
        return thread;
    });

    private TestWebServer(HttpServer server) {
        this.server = server;
    }

    public static TestWebServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestWebServer web = new TestWebServer(server);
            server.createContext("/", web::handle);
            server.setExecutor(web.executor);
            server.start();
            return web;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every request so far, as path plus query. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** {@code http://127.0.0.1:<port>} */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code origin() + path} */
    public String url(String path) {
        return origin() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestURI().toString());
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            switch (path) {
                case "/submitted" -> text(exchange, "name=" + query.getOrDefault("name", "")
                        + ";subscribe=" + query.getOrDefault("subscribe", "")
                        + ";color=" + query.getOrDefault("color", ""));
                case "/slow.html" -> {
                    sleep(query, 2000);
                    html(exchange, "<!doctype html><title>Slow</title><p>slow page</p>");
                }
                case "/slow-image.png" -> {
                    sleep(query, 3000);
                    send(exchange, 200, "image/png", PIXEL);
                }
                case "/echo-cookies" -> text(exchange, "cookies: " + exchange.getRequestHeaders()
                        .getOrDefault("Cookie", List.of("")).get(0));
                default -> resource(exchange, path);
            }
        }
    }

    private static void resource(HttpExchange exchange, String path) throws IOException {
        InputStream in = path.contains("..") ? null : TestWebServer.class.getResourceAsStream("/web" + path);
        if (in == null) {
            send(exchange, 404, "text/plain; charset=utf-8", ("not found: " + path).getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (in) {
            send(exchange, 200, "text/html; charset=utf-8", in.readAllBytes());
        }
    }

    private static void text(HttpExchange exchange, String body) throws IOException {
        send(exchange, 200, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void html(HttpExchange exchange, String body) throws IOException {
        send(exchange, 200, "text/html; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(Map<String, String> query, long defaultMs) {
        try {
            Thread.sleep(Long.parseLong(query.getOrDefault("ms", Long.toString(defaultMs))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }
}
