package dev.sluice.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.pgwire.auth.AuthMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS via SSLRequest with a throw-away certificate made by openssl; cleartext password over it. */
@Tag("integration")
class TlsIntegrationTest {

    @Test
    void pgjdbcOverTlsWithPassword(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Process p = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-keyout",
                        key.toString(),
                        "-out",
                        cert.toString(),
                        "-days",
                        "1",
                        "-subj",
                        "/CN=localhost")
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0);
        PgServerConfig config = PgServerConfig.defaults()
                .withPort(0)
                .withThreads(1, 4)
                .withTls(cert, key)
                .withAuthMethod(AuthMethod.PASSWORD);
        try (TestServer server = new TestServer(config)) {
            Properties props = new Properties();
            props.setProperty("user", "alice");
            props.setProperty("password", "s3cret");
            props.setProperty("sslmode", "require");
            try (Connection c = DriverManager.getConnection(server.url(), props);
                    ResultSet rs = c.createStatement().executeQuery("SELECT 9")) {
                assertTrue(rs.next());
                assertEquals(9, rs.getInt(1));
            }
            ProcessBuilder psql = new ProcessBuilder(
                            "/usr/bin/psql",
                            "-X",
                            "-At",
                            "-c",
                            "SELECT 4",
                            "host=127.0.0.1 port=" + server.port() + " user=alice dbname=sluice sslmode=require")
                    .redirectErrorStream(true);
            psql.environment().put("PGPASSWORD", "s3cret");
            Process run = psql.start();
            String out = new String(run.getInputStream().readAllBytes());
            assertTrue(run.waitFor(30, TimeUnit.SECONDS));
            assertEquals("4", out.trim(), out);
        }
    }
}
