package dev.agentd.memgine.store;

import dev.agentd.memgine.MemoryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The path sandbox of {@code memory.persist} and {@code memory.load} (memory §8.1): every path
 * must stay inside {@code <root>/memory/files/}, symlinks included. A rejection is
 * {@code memory.persist rejected path '<path>': <reason>} (or {@code memory.load …}) and nothing
 * is read or written; only the base directory itself is created (0700) on demand.
 */
public final class FileSandbox {
    /** Which method asks; it names the method in messages and decides whether parents are created. */
    public enum Operation {
        PERSIST("memory.persist"),
        LOAD("memory.load");

        private final String method;

        Operation(String method) {
            this.method = method;
        }
    }

    private final Path base;

    /** @param base {@code <root>/memory/files} */
    public FileSandbox(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    /** The file {@code path} names, after every check of §8.1; for persist, with its parents created. */
    public Path resolve(String path, Operation operation) {
        try {
            return resolveChecked(path, operation);
        } catch (IOException e) {
            throw rejected(path, operation, "cannot resolve: " + e.getMessage());
        }
    }

    private Path resolveChecked(String path, Operation operation) throws IOException {
        if (path == null || path.isEmpty()) {
            throw rejected(path, operation, "empty path");
        }
        if (path.indexOf('\0') >= 0) {
            throw rejected(path, operation, "NUL character");
        }
        for (String component : path.split("/", -1)) {
            if (component.equals("..")) {
                throw rejected(path, operation, "'..' component");
            }
        }
        SecureFiles.createDirectories(base);
        Path realBase = base.toRealPath();
        Path target = candidate(path, operation, realBase);
        if (path.endsWith("/") || target.equals(realBase) || Files.isDirectory(target)) {
            throw rejected(path, operation, "names a directory");
        }
        Path existingAncestor = target.getParent();
        while (!Files.exists(existingAncestor)) {
            existingAncestor = existingAncestor.getParent();
        }
        requireInside(existingAncestor.toRealPath(), realBase, path, operation);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.exists(target)) {
                throw rejected(path, operation, "dangling symlink");
            }
            requireInside(target.toRealPath(), realBase, path, operation);
        }
        if (operation == Operation.PERSIST) {
            SecureFiles.createDirectories(target.getParent());
            requireInside(target.getParent().toRealPath(), realBase, path, operation);
        }
        return target;
    }

    private Path candidate(String path, Operation operation, Path realBase) {
        Path given;
        try {
            given = Path.of(path);
        } catch (InvalidPathException e) {
            throw rejected(path, operation, "invalid path");
        }
        Path target = given.isAbsolute() ? given.normalize() : realBase.resolve(given).normalize();
        if (!target.startsWith(realBase) && !(given.isAbsolute() && target.startsWith(base))) {
            throw rejected(path, operation, "outside the sandbox");
        }
        return target.startsWith(realBase) ? target : realBase.resolve(base.relativize(target));
    }

    private static void requireInside(Path real, Path realBase, String path, Operation operation) {
        if (!real.startsWith(realBase)) {
            throw rejected(path, operation, "leads outside the sandbox");
        }
    }

    private static MemoryException rejected(String path, Operation operation, String reason) {
        return MemoryException.runtime(operation.method + " rejected path '" + path + "': " + reason);
    }
}
