package dev.agentd.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for sub-commands ({@code -V} exists at the top level only). */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean requested;
}
