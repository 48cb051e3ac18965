package dev.agentd.cli;

import picocli.CommandLine.Option;

/** {@code --json}: print the raw result, compact, on one line (cli §5.2). */
public final class JsonOption {
    @Option(names = "--json", description = "Print the raw JSON result on one line.")
    boolean enabled;
}
