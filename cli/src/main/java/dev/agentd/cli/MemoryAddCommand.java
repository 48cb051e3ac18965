package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentd memory add SUBJECT BODY [--kind K]} (cli §6.8): {@code memory.add_fact}, whose
 * result without extension params is the graph's valid-fact count.
 */
@Command(name = "add", description = "Add a fact to the shared graph, or to a namespace's graph.")
public final class MemoryAddCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOption json;

    @Mixin
    NamespaceOption namespace;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "What the fact is about.")
    String subject;

    @Parameters(index = "1", paramLabel = "BODY", description = "The fact itself.")
    String body;

    @Option(names = "--kind", paramLabel = "K",
            description = "Fact kind (default pattern; constraint marks a constraint).")
    String kind;

    @Override
    public Integer call() {
        ObjectNode params = Json.mapper().createObjectNode().put("subject", subject).put("body", body);
        if (kind != null) {
            params.put("kind", kind);
        }
        ConnectionTarget target = ConnectionTarget.forDaemonToken(client);
        JsonNode count = DaemonConnection.requestOnce(target, namespace.namespace, "memory.add_fact", params);
        CommandOutput output = CommandOutput.of(spec);
        if (json.enabled) {
            output.json(count);
        } else {
            output.line("added (fact count: " + count.asText() + ")");
        }
        return 0;
    }
}
