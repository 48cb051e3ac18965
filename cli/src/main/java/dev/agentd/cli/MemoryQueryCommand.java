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

/** {@code agentd memory query TEXT [-k N]} (cli §6.8): {@code memory.query}, as the facts table. */
@Command(name = "query", description = "Find the facts most relevant to a text.")
public final class MemoryQueryCommand implements Callable<Integer> {
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

    @Parameters(index = "0", paramLabel = "TEXT", description = "What to look for.")
    String text;

    @Option(names = "-k", paramLabel = "N", description = "How many facts at most (daemon default 5, at most 100).")
    Integer k;

    @Override
    public Integer call() {
        ObjectNode params = Json.mapper().createObjectNode().put("query", text);
        if (k != null) {
            params.put("k", k);
        }
        ConnectionTarget target = ConnectionTarget.forDaemonToken(client);
        JsonNode facts = DaemonConnection.requestOnce(target, namespace.namespace, "memory.query", params);
        CommandOutput output = CommandOutput.of(spec);
        if (json.enabled) {
            output.json(facts);
        } else {
            output.text(MemoryFactsTable.render(facts));
        }
        return 0;
    }
}
