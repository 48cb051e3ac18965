package dev.agentd.cli;

import picocli.CommandLine.Option;

/** Options every client command takes to find its daemon (cli §2.1). */
public final class ClientOptions {
    @Option(names = "--home", paramLabel = "DIR", description = "State root; overrides AGENTD_HOME.")
    String home;

    @Option(names = "--url", paramLabel = "URL", description = "Daemon URL; overrides AGENTD_URL and daemon.json.")
    String url;
}
