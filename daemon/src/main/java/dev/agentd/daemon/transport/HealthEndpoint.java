package dev.agentd.daemon.transport;

import dev.agentd.protocol.Json;
import dev.agentd.protocol.Protocol;
import dev.agentd.protocol.core.Health;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** The {@code /healthz} body (core §17): status, version, pid, uptime — no secrets, no paths. */
public final class HealthEndpoint {
    private final long pid = ProcessHandle.current().pid();
    private final long startedNanos = System.nanoTime();
    private final boolean authEnabled;

    public HealthEndpoint(boolean authEnabled) {
        this.authEnabled = authEnabled;
    }

    byte[] body() {
        long uptimeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        Health health = new Health("ok", Protocol.AGENTD_VERSION, Protocol.VERSION, pid, uptimeMs, authEnabled);
        try {
            return Json.mapper().writeValueAsBytes(health);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
