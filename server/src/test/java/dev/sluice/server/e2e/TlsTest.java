package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.server.testing.SelfSignedCertificate;
import dev.sluice.server.testing.SluiceProcess;
import dev.sluice.server.testing.SluiceProcess.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS through real clients against a real server started with {@code --tls-cert/--tls-key} (a
 * self-signed certificate made with openssl at test time): psql {@code sslmode=require} and
 * pgjdbc {@code sslmode=verify-full} against that certificate connect over TLS, SCRAM works over
 * it, a client that requires TLS from a server without it fails clearly, and bad TLS flags stop
 * the start with one clear line.
 */
@Tag("integration")
class TlsTest {
    @TempDir
    static Path certDir;

    static Path cert;
    static Path key;

    @BeforeAll
    static void makeCertificate() {
        assumeTrue(SelfSignedCertificate.opensslAvailable(), "openssl is not installed");
        SelfSignedCertificate made = SelfSignedCertificate.create(certDir, "server", "localhost");
        cert = made.cert();
        key = made.key();
    }

    /** psql with an explicit conninfo string (sslmode and friends), password in PGPASSWORD. */
    private static ProcessResult psql(
            SluiceProcess server, String user, String password, String conninfoExtra, String... args) {
        List<String> command = new ArrayList<>(List.of(
                "psql",
                "-X",
                "-w",
                "-v",
                "ON_ERROR_STOP=1",
                "host=127.0.0.1 port=" + server.port() + " dbname=sluice user=" + user + " " + conninfoExtra));
        command.addAll(List.of(args));
        return ProcessResult.run(
                command, password == null ? Map.of() : Map.of("PGPASSWORD", password), null, Duration.ofMinutes(1));
    }

    private static Connection jdbc(SluiceProcess server, String user, String password, String query)
            throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return DriverManager.getConnection(server.jdbcUrl() + "?" + query, props);
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    @Test
    void scramOverTlsWithPsqlAndPgjdbc() throws Exception {
        try (SluiceProcess server = SluiceProcess.prepare(
                        "--auth", "scram-sha-256", "--tls-cert", cert.toString(), "--tls-key", key.toString())
                .withEnv("SLUICE_PASSWORD", "tls-pw")
                .begin()) {
            assertTrue(server.log().contains("tls on"), server.log());

            // psql: sslmode=require, \conninfo says the connection is encrypted, SHOW ssl is on.
            ProcessResult ok = psql(
                    server,
                    "sluice",
                    "tls-pw",
                    "sslmode=require",
                    "-c",
                    "\\conninfo",
                    "-At",
                    "-c",
                    "SHOW ssl",
                    "-c",
                    "SELECT 6 * 7");
            assertEquals(0, ok.exitCode(), ok.stderr());
            assertTrue(ok.stdout().contains("SSL connection (protocol: TLSv1."), ok.stdout());
            assertTrue(ok.stdout().contains("on\n42\n"), ok.stdout());

            // psql verify-full against the self-signed certificate as the CA: the handshake checked it.
            ProcessResult verified = psql(
                    server,
                    "sluice",
                    "tls-pw",
                    "sslmode=verify-full sslrootcert=" + cert,
                    "-At",
                    "-c",
                    "SELECT 'verified'");
            assertEquals(0, verified.exitCode(), verified.stderr());
            assertEquals("verified", verified.stdout().strip());

            // A wrong password over TLS is still 28P01.
            ProcessResult wrong = psql(server, "sluice", "nope", "sslmode=require", "-c", "SELECT 1");
            assertNotEquals(0, wrong.exitCode());
            assertTrue(wrong.stderr().contains("password authentication failed for user \"sluice\""), wrong.stderr());

            // A client that does not ask for TLS still gets in (sslmode=disable), and SHOW ssl is the server's setting.
            ProcessResult plain =
                    psql(server, "sluice", "tls-pw", "sslmode=disable", "-c", "\\conninfo", "-At", "-c", "SHOW ssl");
            assertEquals(0, plain.exitCode(), plain.stderr());
            assertFalse(plain.stdout().contains("SSL connection"), plain.stdout());
            assertTrue(plain.stdout().strip().endsWith("on"), plain.stdout());

            // pgjdbc: sslmode=require, and verify-full with the certificate as root (only a TLS
            // connection to this certificate can pass), SCRAM inside.
            try (Connection c = jdbc(server, "sluice", "tls-pw", "ssl=true&sslmode=require")) {
                assertEquals("on", single(c, "SHOW ssl"));
                assertEquals("3", single(c, "SELECT 1 + 2"));
            }
            try (Connection c =
                    jdbc(server, "sluice", "tls-pw", "sslmode=verify-full&sslrootcert=" + cert.toAbsolutePath())) {
                assertEquals("ok", single(c, "SELECT 'ok'"));
            }
            SQLException refused =
                    assertThrows(SQLException.class, () -> jdbc(server, "sluice", "wrong", "ssl=true&sslmode=require")
                            .close());
            assertEquals("28P01", refused.getSQLState(), refused.getMessage());

            // With a different CA the handshake fails: the server really presented our certificate.
            Path other = SelfSignedCertificate.create(certDir, "other", "other").cert();
            SQLException untrusted = assertThrows(SQLException.class, () -> jdbc(
                            server, "sluice", "tls-pw", "sslmode=verify-full&sslrootcert=" + other)
                    .close());
            assertEquals("08006", untrusted.getSQLState(), untrusted.getMessage());
        }
    }

    @Test
    void requiringTlsFromAServerWithoutItFailsClearly() throws Exception {
        try (SluiceProcess server = SluiceProcess.start()) {
            ProcessResult psql = psql(server, "sluice", null, "sslmode=require", "-c", "SELECT 1");
            assertNotEquals(0, psql.exitCode());
            assertTrue(psql.stderr().contains("server does not support SSL, but SSL was required"), psql.stderr());
            SQLException e =
                    assertThrows(SQLException.class, () -> jdbc(server, "sluice", "", "ssl=true&sslmode=require")
                            .close());
            assertTrue(e.getMessage().contains("The server does not support SSL"), e.getMessage());
            try (Connection c = server.connect()) {
                assertEquals("off", single(c, "SHOW ssl"));
            }
        }
    }

    @Test
    void passwordAuthWarnsOnlyWithoutTlsAndTlsComesFromEnvironmentOrConfigFile(@TempDir Path tmp) throws Exception {
        // TLS from SLUICE_TLS_CERT / SLUICE_TLS_KEY: no cleartext warning.
        try (SluiceProcess server = SluiceProcess.prepare("--auth", "password")
                .withEnv("SLUICE_PASSWORD", "pw1")
                .withEnv("SLUICE_TLS_CERT", cert.toString())
                .withEnv("SLUICE_TLS_KEY", key.toString())
                .begin()) {
            assertFalse(server.log().contains("passwords travel in clear"), server.log());
            ProcessResult ok = psql(server, "sluice", "pw1", "sslmode=require", "-c", "\\conninfo");
            assertEquals(0, ok.exitCode(), ok.stderr());
            assertTrue(ok.stdout().contains("SSL connection"), ok.stdout());
        }
        // TLS from the --config properties file.
        Path config = tmp.resolve("sluice.properties");
        Files.writeString(config, "tls-cert=" + cert + "\ntls.key=" + key + "\n");
        try (SluiceProcess server = SluiceProcess.start("--config", config.toString())) {
            ProcessResult ok = psql(server, "sluice", null, "sslmode=require", "-c", "\\conninfo");
            assertEquals(0, ok.exitCode(), ok.stderr());
            assertTrue(ok.stdout().contains("SSL connection"), ok.stdout());
        }
        // No TLS: one warning line that passwords travel in clear text.
        try (SluiceProcess server = SluiceProcess.prepare("--auth", "password")
                .withEnv("SLUICE_PASSWORD", "pw2")
                .begin()) {
            long warnings = server.log()
                    .lines()
                    .filter(l -> l.contains("--auth password without TLS: passwords travel in clear text"))
                    .count();
            assertEquals(1, warnings, server.log());
        }
    }

    @Test
    void badTlsFlagsStopTheStartWithOneClearLine() throws Exception {
        try (SluiceProcess server = SluiceProcess.prepare()) {
            String dir = server.dataDir().toString();
            Path missing = certDir.resolve("missing.crt");
            assertStartFails(
                    server.cli(
                            null,
                            "server",
                            "--data-dir",
                            dir,
                            "--tls-cert",
                            missing.toString(),
                            "--tls-key",
                            key.toString()),
                    "sluice: --tls-cert " + missing + ": no such file");
            assertStartFails(
                    server.cli(null, "server", "--data-dir", dir, "--tls-cert", cert.toString()),
                    "sluice: --tls-cert needs --tls-key too");
            assertStartFails(
                    server.cli(null, "server", "--data-dir", dir, "--tls-key", key.toString()),
                    "sluice: --tls-key needs --tls-cert too");
            Path unreadable = certDir.resolve("unreadable.key");
            Files.copy(key, unreadable);
            assertTrue(unreadable.toFile().setReadable(false, false));
            if (!Files.isReadable(unreadable)) { // root reads everything; then this case cannot be made
                assertStartFails(
                        server.cli(
                                null,
                                "server",
                                "--data-dir",
                                dir,
                                "--tls-cert",
                                cert.toString(),
                                "--tls-key",
                                unreadable.toString()),
                        "sluice: --tls-key " + unreadable + ": not readable by this user");
            }
            Path garbage = certDir.resolve("garbage.crt");
            Files.writeString(garbage, "this is not a certificate\n");
            assertStartFails(
                    server.cli(
                            null,
                            "server",
                            "--data-dir",
                            dir,
                            "--port",
                            String.valueOf(server.port()),
                            "--tls-cert",
                            garbage.toString(),
                            "--tls-key",
                            key.toString()),
                    "sluice: --tls-cert/--tls-key: cannot load TLS certificate " + garbage);

            ProcessResult help = server.cli(null, "server", "--help");
            assertEquals(0, help.exitCode());
            for (String s : List.of("--tls-cert", "--tls-key", "SLUICE_TLS_CERT", "SLUICE_TLS_KEY")) {
                assertTrue(help.stdout().contains(s), s + " missing from:\n" + help.stdout());
            }
        }
    }

    private static void assertStartFails(ProcessResult r, String expectedLineStart) {
        assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
        List<String> lines = r.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line expected:\n" + r.stderr());
        assertTrue(lines.get(0).startsWith(expectedLineStart), r.stderr());
    }
}
