package dev.sluice.pgwire.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.common.SluiceException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ScramTest {
    // RFC 7677 section 3 test vector
    static final String CLIENT_FIRST_BARE = "n=user,r=rOprNGfwEbeRWgbNEkqO";
    static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    static final String CLIENT_FINAL_NO_PROOF = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    static final String PROOF = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    static final String SERVER_SIGNATURE = "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    @Test
    void verifierMatchesTheRfc7677Vector() {
        ScramCredential cred =
                ScramCredential.create("pencil", Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        String authMessage = CLIENT_FIRST_BARE + "," + SERVER_FIRST + "," + CLIENT_FINAL_NO_PROOF;
        byte[] signature = ScramCredential.hmac(cred.storedKey(), authMessage);
        byte[] proof = Base64.getDecoder().decode(PROOF);
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        assertArrayEquals(cred.storedKey(), ScramCredential.sha256(clientKey));
        assertEquals(
                SERVER_SIGNATURE,
                Base64.getEncoder().encodeToString(ScramCredential.hmac(cred.serverKey(), authMessage)));
    }

    @Test
    void verifierTextRoundTripsAndNeverPrintsKeys() {
        ScramCredential cred = ScramCredential.create("pw");
        ScramCredential back = ScramCredential.parse(cred.encode());
        assertArrayEquals(cred.storedKey(), back.storedKey());
        assertArrayEquals(cred.serverKey(), back.serverKey());
        assertTrue(cred.encode().startsWith("SCRAM-SHA-256$4096:"));
        assertFalse(cred.toString().contains(Base64.getEncoder().encodeToString(cred.storedKey())));
        assertTrue(cred.matches("pw"));
        assertFalse(cred.matches("PW"));
    }

    @Test
    void fullExchangeAcceptsTheRightProofOnly() {
        ScramCredential cred = ScramCredential.create("secret");
        for (String password : new String[] {"secret", "wrong"}) {
            ScramServer server = new ScramServer(cred);
            String clientFirst = "n,,n=*,r=abcdefghijkl";
            String serverFirst = new String(server.clientFirst("SCRAM-SHA-256", clientFirst), StandardCharsets.UTF_8);
            String nonce = serverFirst.substring(2, serverFirst.indexOf(','));
            String withoutProof = "c=biws,r=" + nonce;
            ScramCredential clientSide = ScramCredential.create(password, cred.salt(), cred.iterations());
            String authMessage = "n=*,r=abcdefghijkl," + serverFirst + "," + withoutProof;
            byte[] clientKey = ScramCredential.hmac(
                    ScramCredential.saltedPassword(password, cred.salt(), cred.iterations()), "Client Key");
            byte[] signature = ScramCredential.hmac(clientSide.storedKey(), authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            String clientFinal = withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
            if (password.equals("secret")) {
                String v = new String(server.clientFinal(clientFinal, "u"), StandardCharsets.UTF_8);
                assertEquals(
                        "v=" + Base64.getEncoder().encodeToString(ScramCredential.hmac(cred.serverKey(), authMessage)),
                        v);
            } else {
                SluiceException e = assertThrows(SluiceException.class, () -> server.clientFinal(clientFinal, "u"));
                assertEquals("28P01", e.sqlState());
            }
        }
    }

    @Test
    void channelBindingIsRefused() {
        ScramServer server = new ScramServer(ScramCredential.create("x"));
        assertThrows(
                SluiceException.class, () -> server.clientFirst("SCRAM-SHA-256", "p=tls-server-end-point,,n=,r=x"));
        assertThrows(SluiceException.class, () -> new ScramServer(null).clientFirst("PLAIN", "n,,n=,r=x"));
    }
}
