package dev.agentd.memgine.store;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File operations with the modes of core §11: directories 0700 and files 0600, set through
 * creation attributes (never create-then-chmod), and durable replacement by
 * write-tmp → fsync → rename → fsync directory.
 *
 * <p>File content is written and synced through {@link FileOutputStream} and
 * {@code FileDescriptor.sync()} rather than {@code FileChannel}: daemon handler threads are
 * interrupted at their deadline, and an interrupted {@code FileChannel} closes itself, which
 * would turn a late reply into a failed graph.
 */
public final class SecureFiles {
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> FILE_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(FILE_MODE);
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(DIRECTORY_MODE);

    private SecureFiles() {}

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface ContentWriter {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Creates {@code dir} and every missing parent with mode 0700, fsyncing each new entry's
     * parent so a new graph directory survives a power loss together with its first journal.
     */
    public static void createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute, DIRECTORY_ATTRIBUTE);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
            return;
        }
        if (parent != null) {
            syncDirectory(parent);
        }
    }

    /** Creates an empty file with mode 0600; fails if it exists. */
    public static void createFile(Path file) throws IOException {
        Files.createFile(file, FILE_ATTRIBUTE);
    }

    /** The temporary sibling {@code <file>.tmp} used while replacing {@code file}. */
    public static Path temporarySibling(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /**
     * Writes {@code <file>.tmp} (0600, replacing a stale one), fsyncs it, renames it over
     * {@code file} and fsyncs the directory. On failure the tmp file is deleted and {@code file}
     * is untouched.
     */
    public static void replaceDurably(Path file, ContentWriter content) throws IOException {
        Path tmp = temporarySibling(file);
        try {
            writeSynced(tmp, content);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        syncDirectory(file.toAbsolutePath().getParent());
    }

    /** Creates {@code file} fresh (0600) with the content, fsynced. */
    public static void writeSynced(Path file, ContentWriter content) throws IOException {
        Files.deleteIfExists(file);
        createFile(file);
        try (FileOutputStream stream = new FileOutputStream(file.toFile())) {
            OutputStream buffered = new BufferedOutputStream(stream, 1 << 16);
            content.write(buffered);
            buffered.flush();
            stream.getFD().sync();
        }
    }

    /** Makes a rename or a new file in {@code dir} durable. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
