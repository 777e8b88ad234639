package dev.sluice.pgwire.session;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.pgwire.auth.AuthMethod;
import dev.sluice.pgwire.auth.ScramServer;
import dev.sluice.pgwire.auth.UserStore;
import dev.sluice.pgwire.engine.EngineSession;
import dev.sluice.pgwire.engine.SessionInfo;
import dev.sluice.pgwire.protocol.BackendMessages;
import dev.sluice.pgwire.protocol.FrontendMessage;
import dev.sluice.pgwire.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * StartupMessage to ReadyForQuery: protocol negotiation, authentication, then the session's
 * opening burst. (SSLRequest, GSSENCRequest and CancelRequest never get here: the event-loop
 * handler answers them.)
 *
 * <pre>
 * client                          server
 *   StartupMessage(user, db, ...) -&gt;
 *                                 &lt;-  [NegotiateProtocolVersion]      (3.x&gt;0 or _pq_.* options)
 *                                 &lt;-  AuthenticationOk                 (trust)
 *                                 &lt;-  AuthenticationCleartextPassword  (password)
 *   PasswordMessage               -&gt;
 *                                 &lt;-  AuthenticationSASL [SCRAM-SHA-256] (scram; see {@link ScramServer})
 *   SASLInitialResponse / SASLResponse -&gt; ... SASLContinue / SASLFinal
 *                                 &lt;-  AuthenticationOk, ParameterStatus*, BackendKeyData, ReadyForQuery('I')
 * failures: ErrorResponse FATAL 28P01 / 28000 / 3D000 / 53300, then close
 * </pre>
 */
final class StartupFlow {
    private enum Step {
        AWAIT_STARTUP,
        AWAIT_PASSWORD,
        AWAIT_SASL_INITIAL,
        AWAIT_SASL_RESPONSE
    }

    private final PgSession session;
    private Step step = Step.AWAIT_STARTUP;
    private String user;
    private String database;
    private Map<String, String> startupParameters;
    private UserStore.User account;
    private ScramServer scram;

    StartupFlow(PgSession session) {
        this.session = session;
    }

    void handle(FrontendMessage m) {
        switch (step) {
            case AWAIT_STARTUP -> {
                if (!(m instanceof FrontendMessage.Startup s)) {
                    throw new ProtocolException(
                            "expected a startup message, got " + m.getClass().getSimpleName());
                }
                startup(s);
            }
            case AWAIT_PASSWORD -> password(expectPassword(m));
            case AWAIT_SASL_INITIAL -> saslInitial(expectPassword(m));
            case AWAIT_SASL_RESPONSE -> saslResponse(expectPassword(m));
        }
    }

    private static byte[] expectPassword(FrontendMessage m) {
        if (!(m instanceof FrontendMessage.PasswordData p)) {
            throw new ProtocolException(
                    "expected a password response, got " + m.getClass().getSimpleName());
        }
        return p.body();
    }

    private void startup(FrontendMessage.Startup s) {
        if (session.isOverConnectionLimit()) {
            throw new SluiceException(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
        }
        Output out = session.output();
        List<String> unknownOptions = new ArrayList<>();
        for (String key : s.parameters().keySet()) {
            if (key.startsWith("_pq_.")) {
                unknownOptions.add(key);
            }
        }
        if ((s.protocolVersion() & 0xFFFF) != 0 || !unknownOptions.isEmpty()) {
            BackendMessages.negotiateProtocolVersion(out.buf(), 0, unknownOptions);
        }
        startupParameters = s.parameters();
        user = s.parameters().get("user");
        if (user == null || user.isEmpty()) {
            throw new SluiceException(
                    SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet");
        }
        database = s.parameters().getOrDefault("database", user);
        if (database.isEmpty()) {
            database = user;
        }
        Optional<UserStore.User> found = session.server().users().lookup(user);
        AuthMethod method = session.server().authMethod();
        switch (method) {
            case TRUST -> {
                account = found.orElseThrow(() -> new SluiceException(
                        SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + user + "\" does not exist"));
                authenticated();
            }
            case PASSWORD -> {
                account = found.orElse(null);
                BackendMessages.authentication(out.buf(), BackendMessages.AUTH_CLEARTEXT);
                out.flush();
                step = Step.AWAIT_PASSWORD;
            }
            case SCRAM_SHA_256 -> {
                account = found.orElse(null);
                scram = new ScramServer(account == null ? null : account.credential());
                BackendMessages.authenticationSasl(out.buf(), List.of(ScramServer.MECHANISM));
                out.flush();
                step = Step.AWAIT_SASL_INITIAL;
            }
        }
    }

    private void password(byte[] body) {
        String password = new String(body, 0, Math.max(0, body.length - 1), StandardCharsets.UTF_8);
        if (account == null
                || account.credential() == null
                || !account.credential().matches(password)) {
            throw ScramServer.passwordFailed(user);
        }
        authenticated();
    }

    private void saslInitial(byte[] body) {
        ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(body);
        int nul = buf.indexOf(0, body.length, (byte) 0);
        if (nul < 0 || body.length < nul + 5) {
            throw new ProtocolException("malformed SASLInitialResponse");
        }
        String mechanism = new String(body, 0, nul, StandardCharsets.UTF_8);
        int len = buf.getInt(nul + 1);
        if (len < 0 || nul + 5 + len != body.length) {
            throw new ProtocolException("malformed SASLInitialResponse");
        }
        String message = new String(body, nul + 5, len, StandardCharsets.UTF_8);
        byte[] serverFirst = scram.clientFirst(mechanism, message);
        Output out = session.output();
        BackendMessages.authenticationSaslData(out.buf(), BackendMessages.AUTH_SASL_CONTINUE, serverFirst);
        out.flush();
        step = Step.AWAIT_SASL_RESPONSE;
    }

    private void saslResponse(byte[] body) {
        byte[] serverFinal = scram.clientFinal(new String(body, StandardCharsets.UTF_8), user);
        BackendMessages.authenticationSaslData(session.output().buf(), BackendMessages.AUTH_SASL_FINAL, serverFinal);
        authenticated();
    }

    /** 1) the database must exist; 2) the engine opens the session; 3) the opening burst. */
    private void authenticated() {
        if (!database.equals(session.server().database())) {
            throw new SluiceException(SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist");
        }
        SessionParameters parameters = new SessionParameters(user, account.superuser(), startupParameters);
        // As in PostgreSQL, SHOW ssl says whether the server accepts TLS, not whether this connection uses it.
        parameters.set("ssl", session.server().tls() ? "on" : "off");
        SessionInfo info = new SessionInfo(
                session.processId(),
                user,
                database,
                account.superuser(),
                startupParameters,
                session.channel().remoteAddress());
        EngineSession es = session.server().engine().openSession(info);
        Output out = session.output();
        ByteBuf buf = out.buf();
        BackendMessages.authentication(buf, BackendMessages.AUTH_OK);
        for (Map.Entry<String, String> p : parameters.reported().entrySet()) {
            BackendMessages.parameterStatus(buf, p.getKey(), p.getValue());
        }
        BackendMessages.backendKeyData(buf, session.processId(), session.secretKey());
        BackendMessages.readyForQuery(buf, 'I');
        out.flush();
        session.ready(es, parameters);
    }
}
