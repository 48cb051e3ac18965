package dev.agentd.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --name value} pairs of a bench tool's command line. Every option takes a value; unknown
 * options and malformed values fail with an {@link IllegalArgumentException} whose message names
 * the option, which the tools print before exiting with status 2.
 */
public final class CommandLineOptions {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private final Map<String, String> values;

    private CommandLineOptions(Map<String, String> values) {
        this.values = values;
    }

    public static CommandLineOptions parse(String[] args, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option: " + name + " (expected one of " + known + ")");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + ": missing value");
            }
            values.put(name, args[i + 1]);
        }
        return new CommandLineOptions(values);
    }

    public Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public String required(String name) {
        return text(name).orElseThrow(() -> new IllegalArgumentException(name + ": required"));
    }

    public int integer(String name, int fallback, int min, int max) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + "-" + max + ")");
    }

    /** A duration written {@code <n>ms|s|m|h}; a bare number means seconds (core conventions). */
    public Duration duration(String name, Duration fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: <n>ms|s|m|h)");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** The daemon token from {@code --token}, else from the file named by {@code --token-file}. */
    public Optional<String> token() {
        if (values.containsKey("--token") && values.containsKey("--token-file")) {
            throw new IllegalArgumentException("--token and --token-file are mutually exclusive");
        }
        return text("--token").or(() -> text("--token-file").map(CommandLineOptions::readToken));
    }

    private static String readToken(String file) {
        try {
            // Token files hold exactly the token; readers trim surrounding whitespace (core §12).
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("--token-file: cannot read " + file + ": " + e, e);
        }
    }
}
