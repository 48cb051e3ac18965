package dev.agentd.browser.launch;

import dev.agentd.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * {@code <root>/run/browser/}: one {@code profile-<16 hex>/} directory (0700) per live browser
 * and its {@code <pid>.json} record (0600), both created with their mode (core §11).
 */
public final class BrowserRunDirectory {
    public static final String PROFILE_PREFIX = "profile-";
    private static final String RECORD_SUFFIX = ".json";
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;

    public BrowserRunDirectory(Path directory) {
        this.directory = directory;
    }

    public Path path() {
        return directory;
    }

    /** Creates a fresh {@code profile-<16 random hex>} directory, mode 0700. */
    public Path createProfile() throws IOException {
        Files.createDirectories(directory, DIRECTORY_MODE);
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return Files.createDirectory(directory.resolve(PROFILE_PREFIX + HexFormat.of().formatHex(random)), DIRECTORY_MODE);
    }

    public Path recordPath(long pid) {
        return directory.resolve(pid + RECORD_SUFFIX);
    }

    /** Writes the record with mode 0600 set at creation; a stale file of a reused pid is replaced. */
    public Path writeRecord(BrowserRecord record) throws IOException {
        Path path = recordPath(record.pid());
        Files.deleteIfExists(path);
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(path,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FILE_MODE))) {
            out.write(Json.mapper().writeValueAsBytes(record));
        }
        return path;
    }

    public List<Path> records() throws IOException {
        return list("*" + RECORD_SUFFIX);
    }

    public List<Path> profiles() throws IOException {
        return list(PROFILE_PREFIX + "*");
    }

    private List<Path> list(String glob) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, glob)) {
            entries.forEach(found::add);
        }
        return found;
    }

    /** Deletes {@code path} and everything under it; symbolic links are removed, never followed. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                deleteIfPresent(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                deleteIfPresent(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteIfPresent(Path path) throws IOException {
        Files.deleteIfExists(path);
    }
}
