package dev.sluice.pgwire.auth;

import java.util.Optional;

/**
 * The users the server knows. The server module persists them (only {@link ScramCredential}
 * verifiers, never passwords); {@link InMemoryUserStore} is the in-process default. Called on a
 * worker thread, so lookups may touch disk.
 */
public interface UserStore {
    /** The user, or empty when no user of that name exists. */
    Optional<User> lookup(String name);

    /**
     * A user.
     *
     * @param name the user name
     * @param superuser reported as {@code is_superuser}
     * @param credential the SCRAM verifier, or null for a user who cannot log in with a password
     */
    record User(String name, boolean superuser, ScramCredential credential) {}
}
