package dev.sluice.pgwire;

import dev.sluice.pgwire.auth.AuthMethod;
import dev.sluice.pgwire.auth.InMemoryUserStore;
import dev.sluice.pgwire.fake.FakeEngine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** An in-process PgServer on a free port with a {@link FakeEngine}, for real-client tests. */
public final class TestServer implements AutoCloseable {
    public final FakeEngine engine = new FakeEngine();
    public final InMemoryUserStore users = new InMemoryUserStore();
    public final PgServer server;

    public TestServer() {
        this(PgServerConfig.defaults().withPort(0).withThreads(2, 8));
    }

    public TestServer(PgServerConfig config) {
        users.put("alice", "s3cret", false);
        server = new PgServer(config, engine, users).start();
    }

    public static TestServer withAuth(AuthMethod method) {
        return new TestServer(
                PgServerConfig.defaults().withPort(0).withThreads(2, 8).withAuthMethod(method));
    }

    public int port() {
        return server.port();
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/sluice";
    }

    public Connection connect() throws SQLException {
        return connect(new Properties());
    }

    public Connection connect(Properties extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sluice");
        p.putAll(extra);
        return DriverManager.getConnection(url(), p);
    }

    @Override
    public void close() {
        server.close();
        engine.close();
    }
}
