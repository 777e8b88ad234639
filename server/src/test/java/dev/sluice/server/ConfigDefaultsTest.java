package dev.sluice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigDefaultsTest {
    @TempDir
    Path tmp;

    private ServerCommand parse(Map<String, String> env, String... args) {
        ServerCommand command = new ServerCommand();
        CommandLine cli = new CommandLine(command);
        cli.setDefaultValueProvider(ConfigDefaults.forArgs(args, env));
        cli.parseArgs(args);
        return command;
    }

    @Test
    void builtInDefaults() {
        ServerCommand c = parse(Map.of());
        assertEquals("127.0.0.1", c.host);
        assertEquals(5433, c.port);
        assertEquals(Path.of("./sluice-data"), c.dataDir);
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverFile() throws Exception {
        Path file = tmp.resolve("sluice.properties");
        Files.writeString(file, "port=7000\nhost=0.0.0.0\ndata.dir=/from/file\n");
        ServerCommand fileOnly = parse(Map.of(), "--config", file.toString());
        assertEquals(7000, fileOnly.port);
        assertEquals("0.0.0.0", fileOnly.host);
        assertEquals(Path.of("/from/file"), fileOnly.dataDir);

        ServerCommand envOverFile = parse(Map.of("SLUICE_PORT", "7001"), "--config=" + file);
        assertEquals(7001, envOverFile.port);
        assertEquals("0.0.0.0", envOverFile.host);

        ServerCommand flagOverAll = parse(Map.of("SLUICE_PORT", "7001"), "--config", file.toString(), "--port", "7002");
        assertEquals(7002, flagOverAll.port);
    }

    @Test
    void configFileFromEnvironment() throws Exception {
        Path file = tmp.resolve("c.properties");
        Files.writeString(file, "data-dir=/x\n");
        assertEquals(Path.of("/x"), parse(Map.of("SLUICE_CONFIG", file.toString())).dataDir);
    }

    @Test
    void missingConfigFileIsAClearError() {
        UncheckedIOException e = assertThrows(
                UncheckedIOException.class,
                () -> ConfigDefaults.forArgs(
                        new String[] {"--config", tmp.resolve("nope").toString()}, Map.of()));
        assertEquals(true, e.getMessage().startsWith("cannot read config file"));
    }

    @Test
    void environmentNames() {
        assertEquals("SLUICE_DATA_DIR", ConfigDefaults.envName("data-dir"));
        assertEquals("SLUICE_LOG_FLUSH", ConfigDefaults.envName("log.flush"));
    }
}
