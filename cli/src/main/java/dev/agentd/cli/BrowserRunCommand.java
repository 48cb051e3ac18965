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
 * {@code agentd browser run FILE|-} (cli §6.11): one {@code browser.run} on a connection of its
 * own, so the browser lives exactly as long as the command (closing the connection, also on
 * Ctrl-C, closes it). The script is parsed locally first: unreadable or invalid JSON is a usage
 * error and nothing is sent.
 */
@Command(name = "run", description = "Run a browser script (a JSON file, or '-' for stdin) and print its trace.")
public final class BrowserRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOption json;

    @Option(names = "--width", paramLabel = "N", description = "Viewport width in CSS px (200-7680; default 1280).")
    Integer width;

    @Option(names = "--height", paramLabel = "N", description = "Viewport height in CSS px (200-4320; default 720).")
    Integer height;

    @Option(names = "--headed", description = "Show the browser window (needs a display).")
    boolean headed;

    @Parameters(index = "0", paramLabel = "FILE", description = "The script: a JSON file, or '-' to read stdin.")
    String file;

    @Override
    public Integer call() {
        JsonNode script = JsonInput.parse(JsonInput.label(file), JsonInput.read(file, System.in));
        ConnectionTarget target = ConnectionTarget.forDaemonToken(client);
        JsonNode trace = BrowserRunCall.send(target, params(script));
        CommandOutput output = CommandOutput.of(spec);
        if (json.enabled) {
            output.json(trace);
        } else {
            output.text(BrowserTraceText.render(trace));
        }
        BrowserTraceText.firstFailure(trace).ifPresent(failure -> {
            throw failure;
        });
        return 0;
    }

    private ObjectNode params(JsonNode script) {
        ObjectNode params = Json.mapper().createObjectNode();
        params.set("script", script);
        if (width != null) {
            params.put("width", width);
        }
        if (height != null) {
            params.put("height", height);
        }
        if (headed) {
            params.put("headed", true);
        }
        return params;
    }
}
