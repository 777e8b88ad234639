package dev.sluice.pgwire.auth;

/** How clients prove who they are (pg_hba.conf's method column, for all connections). */
public enum AuthMethod {
    /** Any existing user, no password: the default for local use. */
    TRUST,
    /** Cleartext password ({@code AuthenticationCleartextPassword}); use only with TLS. */
    PASSWORD,
    /** SCRAM-SHA-256 (RFC 5802/7677), PostgreSQL's default. */
    SCRAM_SHA_256
}
