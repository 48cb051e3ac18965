package dev.agentd.daemon.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File operations under the state root (core §11): directories are created 0700 and files 0600
 * through creation attributes — never create-then-chmod — so the umask cannot widen them.
 */
public final class SecureFiles {
    private static final Logger log = LoggerFactory.getLogger(SecureFiles.class);

    public static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(DIRECTORY_MODE);
    private static final FileAttribute<Set<PosixFilePermission>> FILE_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(FILE_MODE);

    private SecureFiles() {}

    /**
     * Creates {@code dir} and any missing parents with mode 0700. An existing directory with
     * group or other bits is tightened to 0700 with a WARN.
     */
    public static void createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            tighten(absolute);
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null && !Files.exists(parent)) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute, DIRECTORY_ATTRIBUTE);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
        }
        // Creation attributes still pass through the umask, so set the mode explicitly as well.
        tighten(absolute);
    }

    /** Tightens a directory we own to 0700 if it has any group or other bits. */
    public static void tighten(Path dir) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        if (!mode.equals(DIRECTORY_MODE)) {
            EnumSet<PosixFilePermission> loose = EnumSet.copyOf(mode);
            loose.removeAll(DIRECTORY_MODE);
            if (!loose.isEmpty()) {
                log.warn("tightening mode of {} from {} to rwx------", dir, PosixFilePermissions.toString(mode));
            }
            Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
        }
    }

    /** Opens (creating with 0600 if absent) a file for reading and writing. */
    public static FileChannel openReadWrite(Path file) throws IOException {
        return FileChannel.open(file,
                EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                FILE_ATTRIBUTE);
    }

    /** Creates {@code file} empty with mode 0600 unless it exists. */
    public static void createFileIfAbsent(Path file) throws IOException {
        try {
            Files.createFile(file, FILE_ATTRIBUTE);
        } catch (FileAlreadyExistsException ignored) {
            // keep the existing file and its content
        }
    }

    /**
     * Replaces {@code target} atomically: write {@code <target>.tmp} (0600), fsync, rename over
     * the target, fsync the directory. Readers see the old or the new content, never a mix.
     */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel channel = FileChannel.open(tmp,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FILE_ATTRIBUTE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(target.getParent());
    }

    /** Makes a rename or unlink in {@code dir} durable (a no-op where the OS refuses). */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("cannot fsync directory {}: {}", dir, e.toString());
        }
    }
}
