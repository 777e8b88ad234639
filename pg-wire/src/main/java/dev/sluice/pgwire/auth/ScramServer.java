package dev.sluice.pgwire.auth;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange (no channel binding).
 *
 * <pre>
 * client                                   server
 *   SASLInitialResponse "n,,n=,r=cnonce"  -&gt;
 *                                         &lt;-  SASLContinue "r=cnonce+snonce,s=salt,i=4096"
 *   SASLResponse "c=biws,r=..,p=proof"    -&gt;  verify SHA256(proof XOR HMAC(StoredKey, AuthMessage)) == StoredKey
 *                                         &lt;-  SASLFinal "v=HMAC(ServerKey, AuthMessage)", then AuthenticationOk
 * </pre>
 *
 * <p>The user name inside the SCRAM messages is ignored (pgjdbc sends {@code *}, libpq nothing);
 * the startup packet's user counts. For an unknown user the exchange runs against a made-up
 * verifier, so the failure looks the same as a wrong password.
 */
public final class ScramServer {
    public static final String MECHANISM = "SCRAM-SHA-256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScramCredential credential;
    private final boolean userKnown;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;

    /** @param credential the user's verifier, or null when the user does not exist or has no password */
    public ScramServer(ScramCredential credential) {
        this.userKnown = credential != null;
        if (credential == null) {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            byte[] junk = new byte[32];
            RANDOM.nextBytes(junk);
            credential = new ScramCredential(salt, ScramCredential.DEFAULT_ITERATIONS, junk, junk);
        }
        this.credential = credential;
    }

    /** Handles SASLInitialResponse; returns the server-first-message. */
    public byte[] clientFirst(String mechanism, String message) {
        if (!MECHANISM.equals(mechanism)) {
            throw failure("client selected an invalid SASL authentication mechanism");
        }
        if (message.startsWith("p=")) {
            throw failure("channel binding is not supported");
        }
        if (!(message.startsWith("n,") || message.startsWith("y,"))) {
            throw failure("malformed SCRAM message");
        }
        int bareStart = message.indexOf(',', 2);
        if (bareStart < 0) {
            throw failure("malformed SCRAM message");
        }
        clientFirstBare = message.substring(bareStart + 1);
        String clientNonce = attribute(clientFirstBare, 'r');
        byte[] serverNonce = new byte[18];
        RANDOM.nextBytes(serverNonce);
        nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credential.salt()) + ",i="
                + credential.iterations();
        return serverFirst.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Handles SASLResponse; returns the server-final-message when the proof is right.
     *
     * @throws SluiceException 28P01 when it is not
     */
    public byte[] clientFinal(String message, String user) {
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0 || clientFirstBare == null) {
            throw failure("malformed SCRAM message");
        }
        String withoutProof = message.substring(0, proofAt);
        if (!nonce.equals(attribute(withoutProof, 'r'))) {
            throw failure("SCRAM nonce mismatch");
        }
        byte[] proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] signature = ScramCredential.hmac(credential.storedKey(), authMessage);
        if (proof.length != signature.length) {
            throw passwordFailed(user);
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        boolean ok = MessageDigest.isEqual(ScramCredential.sha256(clientKey), credential.storedKey());
        if (!ok || !userKnown) {
            throw passwordFailed(user);
        }
        byte[] serverSignature = ScramCredential.hmac(credential.serverKey(), authMessage);
        return ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.UTF_8);
    }

    private static String attribute(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw failure("malformed SCRAM message: attribute " + name + " missing");
    }

    private static SluiceException failure(String message) {
        return new SluiceException(SqlState.PROTOCOL_VIOLATION, message);
    }

    public static SluiceException passwordFailed(String user) {
        return new SluiceException(
                SqlState.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"");
    }
}
