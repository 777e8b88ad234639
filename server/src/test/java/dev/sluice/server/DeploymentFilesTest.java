package dev.sluice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * These machines have no Docker engine, so the compose file and Dockerfile are checked as files:
 * they parse, and name the image, port, volume and launcher the README promises.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    @SuppressWarnings("unchecked")
    void composeFileStartsOneServerOnPort5433WithANamedVolume() throws Exception {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> sluice = (Map<String, Object>) services.get("sluice");
        assertEquals("sluice:latest", sluice.get("image"));
        assertEquals(List.of("5433:5433"), sluice.get("ports"));
        assertEquals(List.of("sluice-data:/data"), sluice.get("volumes"));
        Map<String, Object> env = (Map<String, Object>) sluice.get("environment");
        assertEquals("/data", env.get("SLUICE_DATA_DIR"));
        assertEquals("0.0.0.0", env.get("SLUICE_HOST"));
        assertTrue(((Map<String, Object>) compose.get("volumes")).containsKey("sluice-data"));
    }

    @Test
    void dockerfileBuildsThenRunsTheLauncherAsNonRoot() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));
        long stages = lines.stream().filter(l -> l.startsWith("FROM ")).count();
        assertEquals(2, stages, "multi-stage: a build stage and a runtime stage");
        assertTrue(lines.stream().anyMatch(l -> l.equals("USER sluice")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("VOLUME") && l.contains("/data")));
        assertTrue(lines.stream().anyMatch(l -> l.equals("ENTRYPOINT [\"bin/sluice\"]")));
        assertTrue(lines.stream().anyMatch(l -> l.equals("EXPOSE 5433")));
    }
}
