package dev.agentd.cli;

import picocli.CommandLine.Option;

/** {@code --namespace NS}: bind a memory namespace in {@code session.auth} (cli §2.1). */
public final class NamespaceOption {
    @Option(names = "--namespace", paramLabel = "NS", description = "Memory namespace to bind for this call.")
    String namespace;
}
