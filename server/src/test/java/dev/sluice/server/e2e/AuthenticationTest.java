package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import dev.sluice.server.testing.SluiceProcess.ProcessResult;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Authentication through real clients (pgjdbc, psql) against a real server: trust by default,
 * SCRAM-SHA-256 and cleartext password against users made with {@code sluice user add}, the initial
 * superuser password from {@code SLUICE_PASSWORD}, and 28P01 for a wrong password or an unknown
 * user.
 */
@Tag("integration")
class AuthenticationTest {
    private static final String INVALID_PASSWORD = "28P01";

    private static int selectOne(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }

    private static ProcessResult addUser(SluiceProcess server, String name, String password, String... flags) {
        String[] args = new String[6 + flags.length];
        System.arraycopy(
                new String[] {
                    "user",
                    "add",
                    name,
                    "--password-stdin",
                    "--data-dir",
                    server.dataDir().toString()
                },
                0,
                args,
                0,
                6);
        System.arraycopy(flags, 0, args, 6, flags.length);
        return server.cli(password + "\n", args);
    }

    private static void assertRefused(SluiceProcess server, String user, String password) {
        SQLException e = assertThrows(
                SQLException.class, () -> server.connect(user, password).close());
        assertEquals(INVALID_PASSWORD, e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("password authentication failed for user \"" + user + "\""), e.getMessage());
    }

    @Test
    void trustIsTheDefault() throws Exception {
        try (SluiceProcess server = SluiceProcess.start()) {
            try (Connection c = server.connect("sluice", "any password at all")) {
                assertEquals(1, selectOne(c));
            }
            ProcessResult psql = server.psqlAs("sluice", null, "-At", "-c", "SELECT 42");
            assertEquals(0, psql.exitCode(), psql.stderr());
            assertEquals("42", psql.stdout().strip());
            assertTrue(server.log().contains("authentication: trust"), server.log());
        }
    }

    @Test
    void scramAcceptsTheRightPasswordAndRejectsWrongOnesAndUnknownUsers() throws Exception {
        try (SluiceProcess server = SluiceProcess.prepare("--auth", "scram-sha-256")) {
            ProcessResult added = addUser(server, "alice", "s3cret pass");
            assertEquals(0, added.exitCode(), added.stdout() + added.stderr());
            assertTrue(added.stdout().contains("created user alice"), added.stdout());
            ProcessResult changed = addUser(server, "sluice", "root-pw");
            assertEquals(0, changed.exitCode(), changed.stdout() + changed.stderr());
            assertTrue(changed.stdout().contains("changed the password of user sluice"), changed.stdout());
            String onDisk = Files.readString(server.dataDir().resolve("users"));
            assertFalse(onDisk.contains("s3cret") || onDisk.contains("root-pw"), "plaintext on disk:\n" + onDisk);

            server.begin();
            assertTrue(server.log().contains("authentication: scram-sha-256 (2 user(s) with a password)"));

            try (Connection c = server.connect("alice", "s3cret pass")) {
                assertEquals(1, selectOne(c));
            }
            try (Connection c = server.connect("sluice", "root-pw")) {
                assertEquals(1, selectOne(c));
            }
            assertRefused(server, "alice", "wrong");
            assertRefused(server, "sluice", "s3cret pass");
            assertRefused(server, "mallory", "s3cret pass");

            ProcessResult ok = server.psqlAs("alice", "s3cret pass", "-At", "-c", "SELECT 7");
            assertEquals(0, ok.exitCode(), ok.stderr());
            assertEquals("7", ok.stdout().strip());
            ProcessResult wrong = server.psqlAs("alice", "nope", "-At", "-c", "SELECT 7");
            assertNotEquals(0, wrong.exitCode());
            assertTrue(wrong.stderr().contains("password authentication failed for user \"alice\""), wrong.stderr());
            ProcessResult unknown = server.psqlAs("mallory", "nope", "-At", "-c", "SELECT 7");
            assertNotEquals(0, unknown.exitCode());
            assertTrue(
                    unknown.stderr().contains("password authentication failed for user \"mallory\""), unknown.stderr());
            ProcessResult none = server.psqlAs("alice", null, "-At", "-c", "SELECT 7");
            assertNotEquals(0, none.exitCode(), "no password, no login");

            // Users cannot be changed under a running server.
            ProcessResult busy = addUser(server, "bob", "pw");
            assertEquals(1, busy.exitCode(), busy.stdout());
            assertTrue(busy.stderr().contains("only while the server is stopped"), busy.stderr());

            // A password change takes effect at the next start.
            assertEquals(0, server.stop());
            assertEquals(0, addUser(server, "alice", "rotated").exitCode());
            server.restart();
            assertRefused(server, "alice", "s3cret pass");
            try (Connection c = server.connect("alice", "rotated")) {
                assertEquals(1, selectOne(c));
            }
        }
    }

    @Test
    void cleartextPasswordMethodFromTheEnvironment() throws Exception {
        try (SluiceProcess server = SluiceProcess.prepare().withEnv("SLUICE_AUTH", "password")) {
            assertEquals(0, addUser(server, "carol", "pa55").exitCode());
            server.begin();
            try (Connection c = server.connect("carol", "pa55")) {
                assertEquals(1, selectOne(c));
            }
            assertRefused(server, "carol", "pa56");
            assertRefused(server, "nobody", "pa55");
            ProcessResult ok = server.psqlAs("carol", "pa55", "-At", "-c", "SELECT 1");
            assertEquals(0, ok.exitCode(), ok.stderr());
        }
    }

    @Test
    void withoutAnyPasswordTheServerSaysHowToCreateOneAndSluicePasswordSetsTheFirst() throws Exception {
        try (SluiceProcess server = SluiceProcess.prepare("--auth", "scram-sha-256")) {
            ProcessResult refused = server.cli(
                    null,
                    "server",
                    "--port",
                    String.valueOf(server.port()),
                    "--data-dir",
                    server.dataDir().toString(),
                    "--auth",
                    "scram-sha-256");
            assertEquals(1, refused.exitCode(), refused.stdout() + refused.stderr());
            String out = refused.stdout() + refused.stderr();
            assertTrue(out.contains("needs a user with a password"), out);
            assertTrue(out.contains("bin/sluice user add sluice --data-dir"), out);
            assertTrue(out.contains("SLUICE_PASSWORD"), out);

            server.withEnv("SLUICE_PASSWORD", "first-pw").begin();
            try (Connection c = server.connect("sluice", "first-pw")) {
                assertEquals(1, selectOne(c));
            }
            assertRefused(server, "sluice", "other");

            // Persisted: the next start needs no SLUICE_PASSWORD, and a different one does not change it.
            assertEquals(0, server.stop());
            server.withEnv("SLUICE_PASSWORD", "ignored-pw").restart();
            assertTrue(server.log().contains("SLUICE_PASSWORD ignored"), server.log());
            try (Connection c = server.connect("sluice", "first-pw")) {
                assertEquals(1, selectOne(c));
            }
            assertRefused(server, "sluice", "ignored-pw");
        }
    }

    @Test
    void badAuthValuesAndHelp() {
        try (SluiceProcess server = SluiceProcess.prepare()) {
            ProcessResult md5 =
                    server.cli(null, "server", "--data-dir", server.dataDir().toString(), "--auth", "md5");
            assertEquals(1, md5.exitCode());
            assertTrue(md5.stderr().contains("--auth md5 is not supported; use scram-sha-256"), md5.stderr());
            ProcessResult bad =
                    server.cli(null, "server", "--data-dir", server.dataDir().toString(), "--auth", "kerberos");
            assertEquals(1, bad.exitCode());
            assertTrue(bad.stderr().contains("--auth must be trust, password or scram-sha-256"), bad.stderr());

            ProcessResult help = server.cli(null, "server", "--help");
            assertEquals(0, help.exitCode());
            assertTrue(help.stdout().contains("--auth") && help.stdout().contains("SLUICE_AUTH"), help.stdout());
            ProcessResult userHelp = server.cli(null, "user", "add", "--help");
            assertEquals(0, userHelp.exitCode());
            assertTrue(userHelp.stdout().contains("--password-stdin"), userHelp.stdout());

            ProcessResult noTerminal = server.cli(
                    null, "user", "add", "dave", "--data-dir", server.dataDir().toString());
            assertEquals(1, noTerminal.exitCode());
            assertTrue(noTerminal.stderr().contains("--password-stdin"), noTerminal.stderr());
        }
    }
}
