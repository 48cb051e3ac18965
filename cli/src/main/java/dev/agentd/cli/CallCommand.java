package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.Environment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentd call METHOD [PARAMS_JSON]} (cli §6.12): any method, raw params, the raw result. */
@Command(name = "call", description = "Send one JSON-RPC request and print its result.")
public final class CallCommand implements Callable<Integer> {
    static final String PARAMS_LABEL = "PARAMS_JSON";

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

    @Option(names = "--host-role", description = "Authenticate with the host token instead of the daemon token.")
    boolean hostRole;

    @Parameters(index = "0", paramLabel = "METHOD", description = "Method name, e.g. memory.fact_count.")
    String method;

    @Parameters(index = "1", paramLabel = PARAMS_LABEL, arity = "0..1",
            description = "Params as a JSON object ('-' reads stdin; default {}).")
    String paramsJson;

    @Override
    public Integer call() {
        JsonNode params = params();
        ConnectionTarget target = ConnectionTarget.resolve(client,
                hostRole ? ConnectionTarget.CredentialKind.HOST_TOKEN : ConnectionTarget.CredentialKind.DAEMON_TOKEN,
                Environment.system());
        JsonNode result = DaemonConnection.requestOnce(target, namespace.namespace, method, params);
        CommandOutput.of(spec).line(JsonOutput.render(result, json.enabled));
        return 0;
    }

    /** The params object; {@code null} and absence both mean {@code {}}. Checked before connecting. */
    private JsonNode params() {
        if (paramsJson == null) {
            return Json.mapper().createObjectNode();
        }
        String text = paramsJson.equals(JsonInput.STDIN_NAME) ? JsonInput.read(paramsJson, System.in) : paramsJson;
        JsonNode parsed = JsonInput.parse(PARAMS_LABEL, text);
        if (parsed.isNull()) {
            return Json.mapper().createObjectNode();
        }
        if (!parsed.isObject()) {
            throw Failures.notJsonObject(PARAMS_LABEL);
        }
        return parsed;
    }
}
