package dev.sluice.pgwire.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A SCRAM-SHA-256 verifier: what is stored instead of a password, in PostgreSQL's text form
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (base64).
 *
 * <p>{@code SaltedPassword = PBKDF2-HMAC-SHA256(password, salt, i)}, {@code StoredKey =
 * SHA256(HMAC(SaltedPassword, "Client Key"))}, {@code ServerKey = HMAC(SaltedPassword, "Server
 * Key")}. Neither key lets anyone log in without the password (the client proof needs ClientKey).
 */
public record ScramCredential(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    public static final int DEFAULT_ITERATIONS = 4096;
    private static final String PREFIX = "SCRAM-SHA-256$";
    private static final SecureRandom RANDOM = new SecureRandom();

    public ScramCredential {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(storedKey, "storedKey");
        Objects.requireNonNull(serverKey, "serverKey");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1: " + iterations);
        }
    }

    /** A verifier for {@code password} with a fresh 16-byte salt and 4096 iterations. */
    public static ScramCredential create(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return create(password, salt, DEFAULT_ITERATIONS);
    }

    public static ScramCredential create(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        return new ScramCredential(salt, iterations, sha256(hmac(salted, "Client Key")), hmac(salted, "Server Key"));
    }

    /** Checks a cleartext password (the {@code password} method) against the verifier, in constant time. */
    public boolean matches(String password) {
        byte[] salted = saltedPassword(password, salt, iterations);
        return MessageDigest.isEqual(storedKey, sha256(hmac(salted, "Client Key")));
    }

    /** PostgreSQL's {@code rolpassword} text form. */
    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
                + b64.encodeToString(serverKey);
    }

    public static ScramCredential parse(String text) {
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
        }
        String[] parts = text.substring(PREFIX.length()).split("[$:]");
        if (parts.length != 4) {
            throw new IllegalArgumentException("malformed SCRAM-SHA-256 verifier");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new ScramCredential(
                b64.decode(parts[1]), Integer.parseInt(parts[0]), b64.decode(parts[2]), b64.decode(parts[3]));
    }

    @Override
    public String toString() {
        return "ScramCredential[iterations=" + iterations + "]"; // never print the keys
    }

    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            // Normalisation stands in for full SASLprep (RFC 4013): identical for ASCII passwords.
            String normalized = java.text.Normalizer.normalize(password, java.text.Normalizer.Form.NFKC);
            PBEKeySpec spec = new PBEKeySpec(normalized.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }

    static byte[] hmac(byte[] key, String message) {
        return hmac(key, message.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
