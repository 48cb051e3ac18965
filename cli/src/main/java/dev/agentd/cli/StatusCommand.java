package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.ClientException;
import dev.agentd.protocol.client.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agentd status} (cli §6.2): no credential, no WebSocket, only {@code GET /healthz}. */
@Command(name = "status", description = "Show whether a daemon is running, and where.")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws InterruptedException {
        ConnectionTarget target = ConnectionTarget.resolve(
                client, ConnectionTarget.CredentialKind.NONE, Environment.system());
        ObjectNode health = fetchHealth(target);
        ObjectNode report = Json.mapper().createObjectNode().put("url", target.url().toString());
        report.setAll(health);
        PrintWriter out = spec.commandLine().getOut();
        out.print((json.enabled ? JsonOutput.compact(report) : humanReport(report)) + "\n");
        out.flush();
        return 0;
    }

    private static ObjectNode fetchHealth(ConnectionTarget target) throws InterruptedException {
        HealthEndpoint endpoint = new HealthEndpoint(target.url(), target.timeout());
        HttpResponse<String> response;
        try {
            response = endpoint.fetch(target.timeout());
        } catch (ClientException e) {
            throw new ConnectionFailure(target, ConnectionFailure.Stage.HEALTH, e);
        }
        JsonNode body = null;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            // reported below with the status
        }
        if (response.statusCode() != 200 || !(body instanceof ObjectNode)) {
            throw Failures.unexpectedHealthAnswer(target.url().httpBase(), response.statusCode());
        }
        return (ObjectNode) body;
    }

    private static String humanReport(ObjectNode report) {
        return String.join("\n",
                "agentd is running",
                field("url", report.path("url").asText("-")),
                field("pid", report.path("pid").asText("-")),
                field("version", report.path("version").asText("-")),
                field("protocol", report.path("protocol_version").asText("-")),
                field("uptime", report.has("uptime_ms") ? uptime(report.get("uptime_ms").asLong()) : "-"),
                field("auth", report.path("auth_enabled").asBoolean(false) ? "on" : "off"));
    }

    private static String field(String label, String value) {
        return String.format("  %-11s%s", label + ":", value);
    }

    /** {@code 1h02m03s}, {@code 2m03s}, {@code 5s}. */
    static String uptime(long millis) {
        long seconds = millis / 1000;
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return String.format("%dh%02dm%02ds", hours, minutes, rest);
        }
        return minutes > 0 ? String.format("%dm%02ds", minutes, rest) : rest + "s";
    }
}
