package dev.agentd.daemon.agents;

import dev.agentd.protocol.RpcException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The upsert validation of agents §1 and the command rules of §1.1. Every failure is -32602 with
 * the spec's message; nothing is changed by a failed upsert.
 */
public final class SpecValidator {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern INTERPRETER = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,255}");
    static final int MAX_ARGS = 1024;
    static final int MAX_VALUE_CHARS = 32768;
    static final int MAX_ENV = 256;
    static final int MAX_CAPABILITIES = 32;

    private final List<Path> scratchDirs;
    private final String searchPath;

    /**
     * @param scratchDirs absolute directories under which a command is refused
     * @param searchPath  the daemon's own {@code PATH}, for {@code interpreter}
     */
    public SpecValidator(List<Path> scratchDirs, String searchPath) {
        this.scratchDirs = List.copyOf(scratchDirs);
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    /** Validates an upserted spec; returns it with defaults filled and {@code command} resolved. */
    public AgentSpec validate(AgentSpec spec) {
        checkId(spec.id());
        if (spec.token() != null && !spec.token().isEmpty()) {
            throw invalidParams("token is managed by the daemon and cannot be set");
        }
        String command = resolveCommand(spec);
        AgentSpec filled = spec.withCommand(command).withToken(null).withDefaults();
        checkName(filled.name());
        checkArgs(filled.args());
        checkCwd(filled.cwd());
        checkEnv(filled.env());
        checkRange("max_restarts", filled.maxRestarts(), 0, 1000);
        checkRange("backoff_secs", filled.backoffSecs(), 1, 300);
        checkCapabilities(filled.capabilities());
        return filled;
    }

    /** Re-checks the §1.1 rules on a stored command (health and before every spawn). */
    public Optional<String> commandProblem(String command) {
        try {
            checkCommand(command);
            return Optional.empty();
        } catch (RpcException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static void checkId(String id) {
        if (id == null) {
            throw invalidParams("id is required");
        }
        if (!ID.matcher(id).matches()) {
            throw new RpcException(-32602, "invalid agent id '" + id + "': must match [A-Za-z0-9._-]{1,64}");
        }
        if (id.equals(".") || id.equals("..")) {
            throw new RpcException(-32602, "invalid agent id '" + id + "': '.' and '..' are not allowed");
        }
    }

    private String resolveCommand(AgentSpec spec) {
        if (spec.command() != null && spec.interpreter() != null) {
            throw invalidParams("give either command or interpreter, not both");
        }
        if (spec.interpreter() != null) {
            return findInterpreter(spec.interpreter());
        }
        if (spec.command() == null) {
            throw invalidParams("command is required");
        }
        checkCommand(spec.command());
        return spec.command();
    }

    private String findInterpreter(String name) {
        if (!INTERPRETER.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new RpcException(-32602, "invalid interpreter '" + name + "': must be a bare program name");
        }
        for (String entry : searchPath.split(File.pathSeparator)) {
            if (entry.startsWith("/")) {
                String candidate = entry + "/" + name;
                if (commandProblem(candidate).isEmpty()) {
                    return candidate;
                }
            }
        }
        throw new RpcException(-32602, "invalid interpreter '" + name + "': not found on PATH");
    }

    private void checkCommand(String command) {
        if (command.indexOf('\0') >= 0) {
            throw invalidCommand(command, "contains NUL");
        }
        if (!command.startsWith("/")) {
            throw invalidCommand(command, "must be an absolute path");
        }
        if (!isNormalized(command)) {
            throw invalidCommand(command, "must be normalized (no empty, '.' or '..' components, no trailing '/')");
        }
        Path path;
        try {
            path = Path.of(command);
        } catch (InvalidPathException e) {
            throw invalidCommand(command, e.getReason());
        }
        scratchDirOf(path).ifPresent(dir -> {
            throw invalidCommand(command, "under scratch directory " + dir);
        });
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw invalidCommand(command, "not found");
        }
        scratchDirOf(real).ifPresent(dir -> {
            throw invalidCommand(command, "under scratch directory " + dir + " (via " + real + ")");
        });
        if (!Files.isRegularFile(real)) {
            throw invalidCommand(command, "not a regular file");
        }
        if (!Files.isExecutable(real)) {
            throw invalidCommand(command, "not executable");
        }
    }

    private static boolean isNormalized(String command) {
        if (command.length() > 1 && command.endsWith("/")) {
            return false;
        }
        for (String part : command.substring(1).split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private Optional<Path> scratchDirOf(Path path) {
        for (Path dir : scratchDirs) {
            if (path.startsWith(dir) || realPath(dir).map(path::startsWith).orElse(false)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> realPath(Path dir) {
        try {
            return Optional.of(dir.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.length() > 256) {
            throw invalidParams("name must have 1 to 256 characters");
        }
    }

    private static void checkArgs(List<String> args) {
        if (args.size() > MAX_ARGS) {
            throw invalidParams("args has more than " + MAX_ARGS + " items");
        }
        for (String arg : args) {
            if (arg == null || arg.length() > MAX_VALUE_CHARS || arg.indexOf('\0') >= 0) {
                throw invalidParams("args items must be strings of at most " + MAX_VALUE_CHARS + " chars without NUL");
            }
        }
    }

    private static void checkCwd(String cwd) {
        if (cwd == null) {
            return;
        }
        if (!cwd.startsWith("/") || cwd.indexOf('\0') >= 0) {
            throw new RpcException(-32602, "invalid cwd '" + cwd + "': must be an absolute path");
        }
        if (!Files.isDirectory(Path.of(cwd))) {
            throw new RpcException(-32602, "invalid cwd '" + cwd + "': not an existing directory");
        }
    }

    private static void checkEnv(Map<String, String> env) {
        if (env.size() > MAX_ENV) {
            throw invalidParams("env has more than " + MAX_ENV + " entries");
        }
        List<String> badKeys = new ArrayList<>();
        env.forEach((key, value) -> {
            if (!ENV_KEY.matcher(key).matches()) {
                badKeys.add(key);
            } else if (value == null || value.length() > MAX_VALUE_CHARS || value.indexOf('\0') >= 0) {
                throw invalidParams("env value of " + key + " must be a string of at most "
                        + MAX_VALUE_CHARS + " chars without NUL");
            }
        });
        if (!badKeys.isEmpty()) {
            throw invalidParams("env key '" + badKeys.get(0) + "' must match [A-Za-z_][A-Za-z0-9_]{0,255}");
        }
    }

    private static void checkRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalidParams(field + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static void checkCapabilities(List<String> capabilities) {
        if (capabilities.size() > MAX_CAPABILITIES) {
            throw invalidParams("capabilities has more than " + MAX_CAPABILITIES + " items");
        }
        for (String capability : capabilities) {
            if (capability == null || capability.isEmpty() || capability.length() > 64) {
                throw invalidParams("capabilities items must have 1 to 64 characters");
            }
        }
    }

    private static RpcException invalidCommand(String command, String reason) {
        return new RpcException(-32602, "invalid command '" + command + "': " + reason);
    }

    private static RpcException invalidParams(String detail) {
        return RpcException.invalidParams(detail);
    }
}
