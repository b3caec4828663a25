package dev.wacalls.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wacalls.id.CallId;
import dev.wacalls.internal.Json;
import dev.wacalls.internal.JsonShapeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps recordings on a local (or mounted) file system: one folder per call directly under a root, the call's
 * files in it, and the saved {@link Recording} as a small JSON file next to them.
 *
 * <p><b>Folder names are hashed, not reversible.</b> A call id such as {@code wacid.HBgLMTY1…EA==} may hold
 * {@code /}, {@code +}, {@code =} and, coming from a webhook, anything else that is not whitespace; it may be up to
 * 1,024 characters long, and two ids may differ only in letter case. So a folder is named from up to 40 of the id's
 * characters made file-name safe (for people reading a listing) followed by {@code -} and the first 32 hex digits
 * (128 bits) of the SHA-256 of the id, e.g. {@code wacid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTJBQz-6cb6170e…}. The hash is
 * what tells calls apart, on case-insensitive file systems too; the id itself is kept in the folder's
 * {@code .call-id} file and checked on every access, so a mix-up is an error, never another call's audio.
 *
 * <p><b>Nothing leaves the root.</b> Folder names cannot hold a separator or be {@code .}/{@code ..}; file names
 * are plain names ({@link RecordingFile#name()}); every existing folder is resolved with {@code toRealPath} and
 * must sit directly in the root's real path, so a symbolic link planted in the root is refused; files are opened
 * without following links. The storage's own files ({@code .call-id}, {@code .recording.json}) and temporary
 * files start with a dot, which user file names cannot, and {@link #list} does not show them.
 *
 * <p><b>Metadata is written atomically</b>: to a temporary file in the same folder, forced to disk, then moved
 * over the old one with {@link StandardCopyOption#ATOMIC_MOVE}. A file system without atomic moves is an error,
 * not a silent downgrade.
 *
 * <p>A read-only root is fine for reading (an archive); {@link #reserve}, {@link #save} and {@link #delete} then
 * fail with a {@link RecordingStorageException} that says so.
 *
 * <pre>{@code
 * RecordingStorage storage = new FileSystemRecordingStorage(Path.of("/var/lib/ats/recordings"));
 * RecordingLocation location = storage.reserve(CallId.of("wacid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTJBQzg1RjYzMzFBODkwQkEA=="));
 * }</pre>
 */
public final class FileSystemRecordingStorage implements RecordingStorage {
    /** The call id, in UTF-8, as the folder was reserved for. */
    static final String CALL_ID_FILE = ".call-id";
    /** The saved {@link Recording}. */
    static final String RECORDING_FILE = ".recording.json";

    private static final int READABLE_PREFIX = 40;
    private static final int HASH_HEX_DIGITS = 32;
    private static final int METADATA_VERSION = 1;

    private final Path root;

    /**
     * Uses {@code root} (created when missing) for all calls.
     *
     * @throws RecordingStorageException when the root cannot be created or is not a directory
     */
    public FileSystemRecordingStorage(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            this.root = absolute.toRealPath();
        } catch (IOException | ReadOnlyFileSystemException | SecurityException e) {
            throw new RecordingStorageException(
                    "cannot use " + absolute + " as the recording root: " + reason(e), e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new RecordingStorageException("the recording root " + absolute + " is not a directory");
        }
    }

    /** The root, as a real path (links resolved). */
    public Path root() {
        return root;
    }

    /**
     * The name of the folder a call's files go in: file-name-safe characters of the id, then {@code -} and 32 hex
     * digits of the id's SHA-256. Not reversible (the id is stored in the folder); the same id always gives the
     * same name.
     */
    public static String folderName(CallId callId) {
        String id = callId.value();
        StringBuilder name = new StringBuilder(READABLE_PREFIX + 1 + HASH_HEX_DIGITS);
        char previous = '_';
        for (int i = 0; i < id.length() && name.length() < READABLE_PREFIX; i++) {
            char c = id.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            // A dot only after a letter or digit: the name never starts with one (hidden) nor holds "..".
            boolean previousAlnum = (previous >= 'a' && previous <= 'z') || (previous >= 'A' && previous <= 'Z')
                    || (previous >= '0' && previous <= '9');
            char out = alnum || c == '-' || (c == '.' && previousAlnum) ? c : '_';
            name.append(out);
            previous = out;
        }
        name.append('-').append(sha256Hex(id.getBytes(StandardCharsets.UTF_8)), 0, HASH_HEX_DIGITS);
        return name.toString();
    }

    @Override
    public RecordingLocation reserve(CallId callId) {
        Path dir = folderOf(callId);
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new RecordingStorageException(
                    "cannot reserve the recording folder of call " + callId + ": " + dir + " exists and is not a folder", e);
        } catch (IOException | ReadOnlyFileSystemException | SecurityException e) {
            throw new RecordingStorageException("cannot reserve the recording folder of call " + callId + " in "
                    + root + ": " + reason(e), e);
        }
        checkInsideRoot(callId, dir);
        Path marker = dir.resolve(CALL_ID_FILE);
        byte[] id = callId.value().getBytes(StandardCharsets.UTF_8);
        if (Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            checkOwner(callId, dir);
        } else {
            // Concurrent reservations of one call may both get here; each writes the same bytes atomically.
            writeAtomically(callId, marker, id);
        }
        return new RecordingLocation(callId, dir);
    }

    @Override
    public Recording save(Recording recording) {
        CallId callId = recording.callId();
        RecordingLocation location = reserve(callId);
        for (RecordingFile f : recording.files()) {
            Path file = location.file(f.name());
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                throw new RecordingStorageException("cannot save the recording of call " + callId + ": its "
                        + f.role() + " file " + file + " does not exist", e);
            } catch (IOException e) {
                throw new RecordingStorageException("cannot save the recording of call " + callId + ": cannot read "
                        + file + ": " + reason(e), e);
            }
            if (!attributes.isRegularFile()) {
                throw new RecordingStorageException("cannot save the recording of call " + callId + ": " + file
                        + " is not a regular file");
            }
            if (attributes.size() != f.sizeBytes()) {
                throw new RecordingStorageException("cannot save the recording of call " + callId + ": " + file
                        + " has " + attributes.size() + " bytes, the recording says " + f.sizeBytes());
            }
        }
        writeAtomically(callId, location.directory().resolve(RECORDING_FILE), toJson(recording));
        return recording;
    }

    @Override
    public Optional<Recording> find(CallId callId) {
        Optional<Path> dir = existingFolder(callId);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.get().resolve(RECORDING_FILE));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RecordingStorageException(
                    "cannot read the recording of call " + callId + " in " + dir.get() + ": " + reason(e), e);
        }
        Recording recording = fromJson(callId, dir.get(), bytes);
        if (!recording.callId().equals(callId)) {
            throw new RecordingStorageException("the recording in " + dir.get() + " is of call " + recording.callId()
                    + ", not of " + callId);
        }
        return Optional.of(recording);
    }

    @Override
    public List<String> list(CallId callId) {
        Optional<Path> dir = existingFolder(callId);
        if (dir.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.get())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new RecordingStorageException(
                    "cannot list the recording folder of call " + callId + " (" + dir.get() + "): " + reason(e), e);
        }
        names.sort(null);
        return List.copyOf(names);
    }

    @Override
    public InputStream open(CallId callId, String name) {
        FileNames.require(name);
        Path dir = existingFolder(callId).orElseThrow(() ->
                new RecordingStorageException("call " + callId + " has no recording folder in " + root));
        Path file = dir.resolve(name);
        try {
            // NOFOLLOW_LINKS: a link swapped in after the name check is refused by the open itself (O_NOFOLLOW).
            return Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new RecordingStorageException("call " + callId + " has no file " + name + " in " + dir, e);
        } catch (IOException e) {
            throw new RecordingStorageException("cannot open " + file + " of call " + callId + ": " + reason(e), e);
        }
    }

    @Override
    public boolean delete(CallId callId) {
        Optional<Path> dir = existingFolder(callId);
        if (dir.isEmpty()) {
            return false;
        }
        try {
            // walkFileTree does not follow links: a link inside the folder is deleted, never what it points at.
            Files.walkFileTree(dir.get(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            return true; // deleted concurrently
        } catch (IOException | ReadOnlyFileSystemException | SecurityException e) {
            throw new RecordingStorageException(
                    "cannot delete the recording folder of call " + callId + " (" + dir.get() + "): " + reason(e), e);
        }
        return true;
    }

    /** Where the call's folder is or would be: always a direct child of the root. */
    private Path folderOf(CallId callId) {
        Path dir = root.resolve(folderName(callId)).normalize();
        // folderName() cannot produce a separator, "." or ".."; this is the belt to its braces.
        if (!dir.startsWith(root) || !root.equals(dir.getParent())) {
            throw new RecordingStorageException("the folder of call " + callId + " would lie outside " + root);
        }
        return dir;
    }

    /** The call's folder when it exists, checked to be a real folder in the root that belongs to this call. */
    private Optional<Path> existingFolder(CallId callId) {
        Path dir = folderOf(callId);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        checkInsideRoot(callId, dir);
        checkOwner(callId, dir);
        return Optional.of(dir);
    }

    private void checkInsideRoot(CallId callId, Path dir) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new RecordingStorageException("cannot resolve the recording folder of call " + callId + " ("
                    + dir + "): " + reason(e), e);
        }
        if (!real.startsWith(root) || !root.equals(real.getParent()) || !Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new RecordingStorageException("the recording folder of call " + callId + " (" + dir
                    + ") resolves to " + real + ", outside the root " + root + ": refused");
        }
    }

    private void checkOwner(CallId callId, Path dir) {
        Path marker = dir.resolve(CALL_ID_FILE);
        String owner;
        try {
            owner = new String(Files.readAllBytes(marker), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return; // a crash between mkdir and the marker's move: reserve() writes it again
        } catch (IOException e) {
            throw new RecordingStorageException("cannot read " + marker + ": " + reason(e), e);
        }
        if (!owner.equals(callId.value())) {
            throw new RecordingStorageException("the recording folder " + dir + " belongs to call " + owner
                    + ", not to " + callId);
        }
    }

    private static void writeAtomically(CallId callId, Path target, byte[] bytes) {
        Path temp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // On disk before the rename, or a crash could leave the new name pointing at empty content.
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new RecordingStorageException("cannot write " + target + " of call " + callId
                    + " atomically: the file system does not support atomic moves", e);
        } catch (IOException | ReadOnlyFileSystemException | SecurityException e) {
            throw new RecordingStorageException(
                    "cannot write " + target + " of call " + callId + ": " + reason(e), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException | RuntimeException ignored) {
                // Best effort: a leftover dot file is invisible to list() and harmless.
            }
        }
    }

    private static byte[] toJson(Recording recording) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("version", METADATA_VERSION);
        json.put("callId", recording.callId().value());
        json.put("createdAt", recording.createdAt().toString());
        ArrayNode files = json.putArray("files");
        for (RecordingFile f : recording.files()) {
            ObjectNode file = files.addObject();
            file.put("role", f.role().name());
            file.put("name", f.name());
            file.put("format", f.format().name());
            file.put("duration", f.duration().toString());
            file.put("sizeBytes", f.sizeBytes());
            file.put("sha256", f.sha256());
        }
        return Json.write(json);
    }

    private static Recording fromJson(CallId callId, Path dir, byte[] bytes) {
        String where = dir.resolve(RECORDING_FILE).toString();
        try {
            JsonNode json = Json.parse(bytes);
            List<RecordingFile> files = new ArrayList<>();
            for (JsonNode f : Json.array(json, "files", "$")) {
                Optional<RecordingRole> role = constant(RecordingRole.class, Json.requireText(f, "role", "$.files"));
                Optional<RecordingFormat> format =
                        constant(RecordingFormat.class, Json.requireText(f, "format", "$.files"));
                Long size = Json.longValue(f, "sizeBytes", "$.files");
                if (role.isEmpty() || format.isEmpty()) {
                    continue; // written by a newer version: a file this one does not know how to use
                }
                files.add(new RecordingFile(role.get(), Json.requireText(f, "name", "$.files"), format.get(),
                        Duration.parse(Json.requireText(f, "duration", "$.files")), size == null ? -1 : size,
                        Json.requireText(f, "sha256", "$.files")));
            }
            return new Recording(CallId.of(Json.requireText(json, "callId", "$")),
                    Instant.parse(Json.requireText(json, "createdAt", "$")), files);
        } catch (IOException | JsonShapeException | DateTimeParseException | IllegalArgumentException e) {
            throw new RecordingStorageException(
                    "the recording of call " + callId + " in " + where + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static <E extends Enum<E>> Optional<E> constant(Class<E> type, String name) {
        try {
            return Optional.of(Enum.valueOf(type, name));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** What went wrong, in words an operator recognises, not only an exception's class name. */
    static String reason(Exception e) {
        if (e instanceof ReadOnlyFileSystemException) {
            return "the file system is read-only";
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied (" + a.getFile() + ")";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + " (" + f.getFile() + ")";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
