/**
 * The Sluice server: wires every module together behind one command line.
 *
 * <p>{@link dev.sluice.server.Main} is the {@code sluice} command (picocli) with the subcommands
 * {@code server}, {@code shell} and {@code user} (the users of a stopped server's data directory,
 * {@link dev.sluice.server.auth.FileUserStore}). Configuration comes, in order of precedence, from command-line
 * flags, {@code SLUICE_*} environment variables, a properties file ({@code --config} or {@code
 * SLUICE_CONFIG}), and built-in defaults; see {@link dev.sluice.server.ConfigDefaults}.
 *
 * <p>Start-up order: take the data-directory lock ({@link dev.sluice.server.DataDirLock}), read
 * the users, open storage, bind the PostgreSQL port, log {@code Sluice ready on host:port}. Shutdown runs in reverse
 * on SIGTERM or Ctrl-C and exits 0.
 */
package dev.sluice.server;
