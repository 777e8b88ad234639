package dev.sluice.server.auth;

import dev.sluice.pgwire.auth.InMemoryUserStore;
import dev.sluice.pgwire.auth.ScramCredential;
import dev.sluice.pgwire.auth.UserStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * The server's users, persisted in {@code <data-dir>/users}. Only SCRAM-SHA-256 verifiers are
 * stored (salted, 4096 PBKDF2 iterations), never a password.
 *
 * <p>File layout (UTF-8 text, one user per line, fields separated by a tab):
 *
 * <pre>
 * # Sluice users: name, role, SCRAM-SHA-256 verifier. Change with `sluice user add`.
 * alice	user	SCRAM-SHA-256$4096:&lt;salt&gt;$&lt;StoredKey&gt;:&lt;ServerKey&gt;
 * sluice	superuser	SCRAM-SHA-256$4096:...
 * #crc32c 1a2b3c4d
 * </pre>
 *
 * The last line is the CRC-32C of every byte before it, so a damaged file is refused instead of
 * silently losing users. A write goes to {@code users.tmp}, is fsynced, renamed over {@code users}
 * and the directory fsynced: a crash leaves the old file or the new one, never a mix.
 *
 * <p>The superuser {@value InMemoryUserStore#DEFAULT_SUPERUSER} always exists; until it is given a
 * password it has none and can log in only under {@code trust}.
 *
 * <p>Changes come from {@code sluice user add} while the server is stopped (the caller holds the
 * data-directory lock), so the running server reads the file once at start.
 */
public final class FileUserStore implements UserStore {
    public static final String FILE_NAME = "users";
    static final String TMP_NAME = "users.tmp";
    static final String CHECKSUM_PREFIX = "#crc32c ";
    static final int MAX_NAME_BYTES = 63; // PostgreSQL's NAMEDATALEN - 1
    private static final String HEADER =
            "# Sluice users: name, role, SCRAM-SHA-256 verifier (never a password). Change with `sluice user add`.\n";

    private final Path file;
    private final Path dataDir;
    private final Map<String, User> users = new ConcurrentHashMap<>();

    private FileUserStore(Path dataDir) {
        this.dataDir = dataDir;
        this.file = dataDir.resolve(FILE_NAME);
    }

    /**
     * Reads {@code <dataDir>/users}; a missing file means only the default superuser, without a
     * password.
     *
     * @throws UserStoreException if the file is damaged or unreadable
     */
    public static FileUserStore open(Path dataDir) {
        FileUserStore store = new FileUserStore(dataDir);
        store.load();
        return store;
    }

    private void load() {
        users.put(InMemoryUserStore.DEFAULT_SUPERUSER, new User(InMemoryUserStore.DEFAULT_SUPERUSER, true, null));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UserStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int checksumAt = text.lastIndexOf(CHECKSUM_PREFIX);
        if (checksumAt < 0 || (checksumAt > 0 && text.charAt(checksumAt - 1) != '\n')) {
            throw corrupt("its checksum line is missing (truncated?)");
        }
        String expected = text.substring(checksumAt + CHECKSUM_PREFIX.length()).trim();
        String actual = crc32c(text.substring(0, checksumAt));
        if (!actual.equals(expected)) {
            throw corrupt("checksum mismatch");
        }
        int lineNumber = 0;
        for (String line : text.substring(0, checksumAt).split("\n")) {
            lineNumber++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 3 || !(fields[1].equals("superuser") || fields[1].equals("user"))) {
                throw corrupt("line " + lineNumber + " is not 'name<TAB>superuser|user<TAB>verifier'");
            }
            ScramCredential credential;
            try {
                credential = ScramCredential.parse(fields[2]);
            } catch (RuntimeException e) {
                throw corrupt("line " + lineNumber + " has no valid SCRAM-SHA-256 verifier");
            }
            users.put(fields[0], new User(fields[0], fields[1].equals("superuser"), credential));
        }
    }

    private UserStoreException corrupt(String why) {
        return new UserStoreException("the users file " + file + " is damaged (" + why
                + "); restore it from a backup, or delete it and add the users again with `sluice user add`");
    }

    @Override
    public Optional<User> lookup(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** Every user, by name. */
    public List<User> users() {
        List<User> all = new ArrayList<>(users.values());
        all.sort(Comparator.comparing(User::name));
        return all;
    }

    /** True when at least one user can log in with a password. */
    public boolean anyPassword() {
        return users.values().stream().anyMatch(u -> u.credential() != null);
    }

    /**
     * Creates the user or changes its password, and writes the file before returning. The default
     * superuser stays a superuser.
     *
     * @return true if the user is new
     * @throws IllegalArgumentException for an invalid name or an empty password
     */
    public synchronized boolean setPassword(String name, String password, boolean superuser) {
        validateName(name);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        boolean isNew = !users.containsKey(name);
        boolean su = superuser || InMemoryUserStore.DEFAULT_SUPERUSER.equals(name);
        User updated = new User(name, su, ScramCredential.create(password));
        Map<String, User> next = new java.util.TreeMap<>(users);
        next.put(name, updated);
        write(next);
        users.put(name, updated);
        return isNew;
    }

    /**
     * Removes a user and writes the file. The default superuser cannot be removed; removing it
     * resets it to "no password".
     *
     * @return false if there was no such user
     */
    public synchronized boolean remove(String name) {
        if (!users.containsKey(name)) {
            return false;
        }
        Map<String, User> next = new java.util.TreeMap<>(users);
        if (InMemoryUserStore.DEFAULT_SUPERUSER.equals(name)) {
            next.put(name, new User(name, true, null));
        } else {
            next.remove(name);
        }
        write(next);
        users.clear();
        users.putAll(next);
        return true;
    }

    /**
     * A user name may be any text of 1 to 63 bytes without control characters (PostgreSQL allows
     * more with quoting; tabs and newlines would break the file format).
     */
    public static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("the user name must not be empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("the user name must be at most " + MAX_NAME_BYTES + " bytes");
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || name.startsWith("#")) {
            throw new IllegalArgumentException(
                    "the user name must not contain control characters or start with '#': " + name.strip());
        }
    }

    /** 1) write users.tmp (owner-only permissions) and fsync it; 2) rename over users; 3) fsync the directory. */
    private void write(Map<String, User> all) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (User u : all.values()) {
            if (u.credential() == null) {
                continue; // the default superuser without a password is implicit
            }
            sb.append(u.name())
                    .append('\t')
                    .append(u.superuser() ? "superuser" : "user")
                    .append('\t')
                    .append(u.credential().encode())
                    .append('\n');
        }
        String body = sb.toString();
        byte[] bytes = (body + CHECKSUM_PREFIX + crc32c(body) + "\n").getBytes(StandardCharsets.UTF_8);
        Path tmp = dataDir.resolve(TMP_NAME);
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(
                        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel dir = FileChannel.open(dataDir, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException e) {
                // Some file systems cannot fsync a directory; the rename is still atomic there.
            }
        } catch (IOException e) {
            throw new UserStoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String crc32c(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }

    /** The users file cannot be read or written. */
    public static final class UserStoreException extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        UserStoreException(String message, IOException cause) {
            super(message, cause);
        }

        UserStoreException(String message) {
            super(message, new IOException(message));
        }
    }
}
