package dev.sluice.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.logengine.FlushPolicy;
import dev.sluice.logengine.TopicSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening storage removes what an interrupted DDL left behind, and nothing else. */
class StorageOrphansTest {
    @TempDir
    Path dir;

    @Test
    void queryStateAndRepartitionTopicsWithoutTheirQueryAreRemovedAtStart() {
        try (Storage storage = Storage.open(dir, FlushPolicy.OS)) {
            storage.log().createTopic("__sluice_query_987654", TopicSpec.of(1)).join();
            storage.log()
                    .createTopic("__sluice_query_987654_exchange", TopicSpec.of(2))
                    .join();
            storage.log().createTopic("orphan_topic_16999", TopicSpec.of(1)).join();
            assertTrue(storage.log().listSystemTopics().contains("__sluice_query_987654"));
        }
        try (Storage storage = Storage.open(dir, FlushPolicy.OS)) {
            assertTrue(storage.log().describeTopic("__sluice_query_987654").isEmpty());
            assertTrue(storage.log()
                    .describeTopic("__sluice_query_987654_exchange")
                    .isEmpty());
            assertTrue(storage.log().describeTopic("orphan_topic_16999").isEmpty());
            // The catalog's own system topic stays.
            assertEquals(List.of("__sluice_catalog"), storage.log().listSystemTopics());
        }
    }
}
