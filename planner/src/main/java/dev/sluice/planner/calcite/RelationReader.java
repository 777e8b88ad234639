package dev.sluice.planner.calcite;

import dev.sluice.common.Row;
import dev.sluice.planner.catalog.Relation;
import java.util.Iterator;
import java.util.Optional;

/**
 * Where pull queries read rows: the server implements it over table and view state (RocksDB) and
 * stream logs. Implementations return a consistent snapshot per call and never block for long.
 */
public interface RelationReader {

    /** A row as stored: its values (one per schema column) and its place in the log. */
    record StoredRow(Row row, long timestampMillis, int partition, long offset) {}

    /** Every current row of a table or view, or every retained event of a stream. */
    Iterator<StoredRow> scan(Relation relation);

    /**
     * The row with this primary key, for tables and views: a point lookup that must not scan.
     *
     * @param key one value per key column, in key order, as Sluice Java values
     */
    Optional<StoredRow> lookup(Relation relation, Object[] key);
}
