package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentd memory context TEXT} (cli §6.8): {@code memory.build_context}, printed verbatim
 * (it is meant to be pasted into a prompt), with a final newline added if it has none.
 */
@Command(name = "context", description = "Print the memory context built for a text.")
public final class MemoryContextCommand implements Callable<Integer> {
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

    @Parameters(index = "0", paramLabel = "TEXT", description = "The query the context is built for.")
    String text;

    @Override
    public Integer call() {
        ConnectionTarget target = ConnectionTarget.forDaemonToken(client);
        JsonNode context = DaemonConnection.requestOnce(target, namespace.namespace, "memory.build_context",
                Json.mapper().createObjectNode().put("query", text));
        CommandOutput output = CommandOutput.of(spec);
        if (json.enabled) {
            output.json(context);
        } else {
            String text = context.asText();
            output.text(text.endsWith("\n") ? text : text + "\n");
        }
        return 0;
    }
}
