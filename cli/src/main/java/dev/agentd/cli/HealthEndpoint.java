package dev.agentd.cli;

import dev.agentd.protocol.client.ClientException;
import dev.agentd.protocol.client.DaemonUrl;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** {@code GET <http base>/healthz} (core §17), the credential-free probe of {@code status} and {@code stop}. */
final class HealthEndpoint {
    private final DaemonUrl url;
    private final HttpClient http;

    HealthEndpoint(DaemonUrl url, Duration connectTimeout) {
        this.url = url;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
    }

    URI uri() {
        return URI.create(url.httpBase() + "/healthz");
    }

    /**
     * Fetches {@code /healthz}, translating transport failures like the WebSocket client does: no
     * listener (or an expired TCP connect) is {@link ClientException.DaemonUnreachable}.
     */
    HttpResponse<String> fetch(Duration timeout) throws InterruptedException {
        try {
            return send(timeout);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ClientException.DaemonUnreachable(url.toString(), e);
        } catch (HttpTimeoutException e) {
            throw new ClientException.Timeout("/healthz", seconds(timeout));
        } catch (IOException e) {
            throw new ClientException.ConnectionClosed(1006, String.valueOf(e.getMessage()));
        }
    }

    /** True once nothing accepts connections at the daemon's address any more. */
    boolean refusesConnections(Duration timeout) throws InterruptedException {
        try {
            send(timeout);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false; // something is still there (a reset or a timeout is not a refusal)
        }
    }

    private HttpResponse<String> send(Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri()).GET().timeout(timeout).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }
}
