package dev.agentd.cli;

import dev.agentd.protocol.Protocol;
import picocli.CommandLine.IVersionProvider;

/** {@code agentd -V}: {@code agentd <version>}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"agentd " + Protocol.AGENTD_VERSION};
    }
}
