package dev.agentd.protocol.client;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a client finds its token (cli §3.3). Daemon-token commands use {@code AGENTD_TOKEN}, else
 * {@code <root>/auth-token}; host-token commands use {@code <root>/host-token} only. Values are
 * trimmed; a blank value counts as absent.
 */
public final class TokenSource {
    public static final String TOKEN_VARIABLE = "AGENTD_TOKEN";

    private TokenSource() {}

    public static TokenLookup daemonToken(Environment environment, StateRoot root) {
        List<String> checked = new ArrayList<>();
        checked.add(TOKEN_VARIABLE);
        Optional<String> fromEnvironment = environment.get(TOKEN_VARIABLE);
        if (fromEnvironment.isPresent()) {
            return new TokenLookup(Credential.daemonToken(fromEnvironment.get(), TOKEN_VARIABLE), checked);
        }
        Path file = root.authTokenFile();
        checked.add(file.toString());
        return new TokenLookup(
                readTokenFile(file).map(value -> Credential.daemonToken(value, file.toString())).orElse(null),
                checked);
    }

    public static TokenLookup hostToken(StateRoot root) {
        Path file = root.hostTokenFile();
        return new TokenLookup(
                readTokenFile(file).map(value -> Credential.hostToken(value, file.toString())).orElse(null),
                List.of(file.toString()));
    }

    /** The trimmed contents, empty when the file does not exist or holds only whitespace. */
    static Optional<String> readTokenFile(Path file) {
        String contents;
        try {
            contents = Files.readString(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new DiscoveryException(DiscoveryException.Kind.UNREADABLE_TOKEN,
                    "cannot read token file " + file + ": " + reason(e));
        }
        String token = contents.trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason(); // getMessage() would repeat the path
        }
        // Only the JDK's description of the failure: file contents never reach a message.
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
