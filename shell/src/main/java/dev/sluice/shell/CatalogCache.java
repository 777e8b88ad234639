package dev.sluice.shell;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The catalog names completion offers, loaded on first use and again after a statement that changed
 * the catalog ({@link #invalidate()}). A catalog the server cannot list yet gives no names rather
 * than an error in the middle of typing, and is asked again only after {@link #RETRY_NANOS}.
 */
final class CatalogCache {
    static final long RETRY_NANOS = 30_000_000_000L;

    private final Catalog catalog;
    private List<Catalog.Relation> relations;
    private long failedAt;
    private final Map<String, List<Column>> columns = new HashMap<>();

    CatalogCache(Catalog catalog) {
        this.catalog = catalog;
    }

    synchronized List<Catalog.Relation> relations() {
        if (relations == null && (failedAt == 0 || System.nanoTime() - failedAt > RETRY_NANOS)) {
            try {
                relations = List.copyOf(catalog.relations());
                failedAt = 0;
            } catch (SQLException | RuntimeException e) {
                failedAt = System.nanoTime();
            }
        }
        return relations == null ? List.of() : relations;
    }

    synchronized List<Column> columns(String relation) {
        String key = relation.toLowerCase(Locale.ROOT);
        List<Column> cached = columns.get(key);
        if (cached == null) {
            try {
                cached = List.copyOf(catalog.columns(relation));
            } catch (SQLException | RuntimeException e) {
                cached = List.of();
            }
            columns.put(key, cached);
        }
        return cached;
    }

    synchronized void invalidate() {
        relations = null;
        failedAt = 0;
        columns.clear();
    }
}
