package dev.sluice.pgwire.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Users held in memory; starts with the superuser {@code sluice} (without a password). */
public final class InMemoryUserStore implements UserStore {
    public static final String DEFAULT_SUPERUSER = "sluice";

    private final Map<String, User> users = new ConcurrentHashMap<>();

    public InMemoryUserStore() {
        users.put(DEFAULT_SUPERUSER, new User(DEFAULT_SUPERUSER, true, null));
    }

    /** Adds or replaces a user, storing only a salted, iterated SCRAM verifier of the password. */
    public InMemoryUserStore put(String name, String password, boolean superuser) {
        users.put(name, new User(name, superuser, password == null ? null : ScramCredential.create(password)));
        return this;
    }

    @Override
    public Optional<User> lookup(String name) {
        return Optional.ofNullable(users.get(name));
    }
}
