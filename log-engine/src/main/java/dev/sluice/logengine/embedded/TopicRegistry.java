package dev.sluice.logengine.embedded;

import dev.sluice.logengine.CleanupPolicy;
import dev.sluice.logengine.InvalidTopicException;
import dev.sluice.logengine.TopicSpec;
import dev.sluice.logengine.record.CompressionType;
import dev.sluice.logengine.storage.CheckpointFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The topic list of a data directory, file {@code topics.meta} (a {@link CheckpointFile}): one line per
 * topic, {@code name partitions cleanupPolicy retentionMs retentionBytes segmentBytes segmentMs
 * deleteRetentionMs [compression]} (compression absent in files written before it existed: none). Rewritten whole on every create/delete; callers synchronize.
 */
final class TopicRegistry {
    static final String FILE = "topics.meta";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private final Path file;
    private final Map<String, TopicSpec> topics = new TreeMap<>();

    TopicRegistry(Path dataDir) throws IOException {
        this.file = dataDir.resolve(FILE);
        for (String line : CheckpointFile.readLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            if (f.length != 8 && f.length != 9) {
                throw new IOException(file + ": bad line '" + line + "'");
            }
            topics.put(
                    f[0],
                    new TopicSpec(
                            Integer.parseInt(f[1]),
                            CleanupPolicy.valueOf(f[2]),
                            Long.parseLong(f[3]),
                            Long.parseLong(f[4]),
                            Integer.parseInt(f[5]),
                            Long.parseLong(f[6]),
                            Long.parseLong(f[7]),
                            f.length == 9 ? CompressionType.forName(f[8]) : CompressionType.NONE));
        }
    }

    static void validateName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new InvalidTopicException(
                    "topic name '" + name + "' must be 1-200 characters of letters, digits, '.', '_' or '-'");
        }
    }

    Map<String, TopicSpec> topics() {
        return topics;
    }

    void put(String name, TopicSpec spec) throws IOException {
        topics.put(name, spec);
        save();
    }

    void remove(String name) throws IOException {
        topics.remove(name);
        save();
    }

    private void save() throws IOException {
        List<String> lines = new ArrayList<>();
        topics.forEach((n, s) -> lines.add(String.join(
                " ",
                n,
                String.valueOf(s.partitions()),
                s.cleanupPolicy().name(),
                String.valueOf(s.retentionMs()),
                String.valueOf(s.retentionBytes()),
                String.valueOf(s.segmentBytes()),
                String.valueOf(s.segmentMs()),
                String.valueOf(s.deleteRetentionMs()),
                s.compression().configName())));
        CheckpointFile.writeLines(file, lines);
    }
}
