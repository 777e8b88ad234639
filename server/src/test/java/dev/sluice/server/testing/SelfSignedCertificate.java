package dev.sluice.server.testing;

import dev.sluice.server.testing.SluiceProcess.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A self-signed certificate for {@code localhost} / {@code 127.0.0.1} and its unencrypted PKCS#8
 * key, made with the {@code openssl} command line, for servers started with {@code --tls-cert
 * --tls-key}. The certificate is its own CA, so clients can verify it ({@code sslmode=verify-full
 * sslrootcert=<cert>}).
 */
public record SelfSignedCertificate(Path cert, Path key) {
    /** Whether the {@code openssl} command is installed. */
    public static boolean opensslAvailable() {
        return ProcessResult.run(List.of("sh", "-c", "command -v openssl"), Duration.ofSeconds(10))
                        .exitCode()
                == 0;
    }

    /** Writes {@code <name>.crt} and {@code <name>.key} into {@code dir}. */
    public static SelfSignedCertificate create(Path dir, String name, String commonName) {
        Path cert = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        ProcessResult r = ProcessResult.run(
                List.of(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "2",
                        "-subj",
                        "/CN=" + commonName,
                        "-addext",
                        "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout",
                        key.toString(),
                        "-out",
                        cert.toString()),
                Duration.ofMinutes(1));
        if (r.exitCode() != 0) {
            throw new IllegalStateException("openssl failed: " + r.stdout() + r.stderr());
        }
        return new SelfSignedCertificate(cert, key);
    }
}
