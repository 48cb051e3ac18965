package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code agentd agents upsert} (cli §6.5): create or replace an agent, from a JSON file sent
 * unchanged or from flags that each set one AgentSpec field. Flags not given are left out, so the
 * daemon's defaults apply, and the daemon alone validates values (its errors exit 1).
 */
@Command(name = "upsert", description = "Create or replace an agent, from --file or from flags.")
public final class AgentsUpsertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOption json;

    @Option(names = "--file", paramLabel = "F", description = "A JSON AgentSpec object, sent as is ('-' reads stdin).")
    String file;

    @Option(names = "--id", paramLabel = "ID", description = "The agent's id (required in the flag form).")
    String id;

    @Option(names = "--command", paramLabel = "PATH",
            description = "Absolute path of the program (required unless --interpreter).")
    String command;

    @Option(names = "--arg", paramLabel = "A",
            description = "An argument; repeat in order. Use --arg=-x for values starting with '-'.")
    List<String> args;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the id).")
    String name;

    @Option(names = "--cwd", paramLabel = "DIR", description = "Working directory (default: the daemon user's home).")
    String cwd;

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "An environment variable for the agent; repeatable.")
    Map<String, String> env;

    @Option(names = "--restart", paramLabel = "POLICY", description = "never, on_failure or always.")
    String restart;

    @Option(names = "--max-restarts", paramLabel = "N", description = "Automatic restarts before giving up.")
    Integer maxRestarts;

    @Option(names = "--backoff-secs", paramLabel = "N", description = "First restart delay in seconds (doubles each time).")
    Integer backoffSecs;

    @Option(names = "--auto-start", description = "Start the agent whenever the daemon starts.")
    boolean autoStart;

    @Option(names = "--interpreter", paramLabel = "NAME",
            description = "A program looked up on the daemon's PATH, instead of --command.")
    String interpreter;

    @Override
    public Integer call() {
        ObjectNode params = file != null ? fromFile() : fromFlags();
        ConnectionTarget target = ConnectionTarget.forDaemonToken(client);
        JsonNode row = DaemonConnection.requestOnce(target, null, "agents.upsert", params);
        AgentRowOutput.print(CommandOutput.of(spec), row, json.enabled);
        return 0;
    }

    private ObjectNode fromFile() {
        if (anyFlagGiven()) {
            throw usage("--file cannot be combined with --id, --command or the other spec flags");
        }
        return JsonInput.parseObject(JsonInput.label(file), JsonInput.read(file, System.in));
    }

    private ObjectNode fromFlags() {
        if (!anyFlagGiven()) {
            throw usage("give either --file F, or --id ID with --command PATH");
        }
        if (id == null) {
            throw usage("--id is required unless --file is given");
        }
        if (command == null && interpreter == null) {
            throw usage("--command is required unless --interpreter is given");
        }
        return agentSpec();
    }

    /** The fields in AgentSpec order; absent flags stay absent. */
    private ObjectNode agentSpec() {
        ObjectNode agent = Json.mapper().createObjectNode().put("id", id);
        putIfGiven(agent, "name", name);
        putIfGiven(agent, "command", command);
        putIfGiven(agent, "interpreter", interpreter);
        if (args != null) {
            args.forEach(agent.putArray("args")::add);
        }
        putIfGiven(agent, "cwd", cwd);
        if (env != null) {
            ObjectNode variables = agent.putObject("env");
            env.forEach(variables::put);
        }
        putIfGiven(agent, "restart", restart);
        if (maxRestarts != null) {
            agent.put("max_restarts", maxRestarts);
        }
        if (backoffSecs != null) {
            agent.put("backoff_secs", backoffSecs);
        }
        if (autoStart) {
            agent.put("auto_start", true);
        }
        return agent;
    }

    private boolean anyFlagGiven() {
        return id != null || command != null || args != null || name != null || cwd != null || env != null
                || restart != null || maxRestarts != null || backoffSecs != null || autoStart || interpreter != null;
    }

    private static void putIfGiven(ObjectNode agent, String field, String value) {
        if (value != null) {
            agent.put(field, value);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
