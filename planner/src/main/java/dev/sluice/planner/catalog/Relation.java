package dev.sluice.planner.catalog;

import dev.sluice.common.types.Column;
import dev.sluice.common.types.Schema;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A stream, table or materialized view as the catalog records it.
 *
 * @param oid a stable number, unique in the catalog, used as {@code pg_class.oid}
 * @param name the qualified name
 * @param kind stream, table or view
 * @param schema the columns and the key (a table's primary key, a stream's key column, a view's
 *     group key); a table without a declared key has a hidden row-id key column
 * @param timestampColumn the column that gives each row its event time ({@code ROWTIME}), or null
 *     to use the ingest time
 * @param topic the log topic holding the rows (a changelog for tables and views)
 * @param topicSettings the topic's layout
 * @param properties the {@code WITH (...)} options as written, for SHOW CREATE and DESCRIBE
 * @param createSql the canonical statement that created it
 * @param dependsOn the relations its query reads (empty for sources)
 * @param hiddenKey true when the key column is a hidden row id (PostgreSQL-style table without a
 *     primary key): not shown by {@code SELECT *} or {@code \d}
 */
public record Relation(
        long oid,
        QualifiedName name,
        RelationKind kind,
        Schema schema,
        String timestampColumn,
        String topic,
        TopicSettings topicSettings,
        Map<String, String> properties,
        String createSql,
        List<QualifiedName> dependsOn,
        boolean hiddenKey) {

    /** The name of the hidden row-id key of a table declared without a primary key. */
    public static final String HIDDEN_ROW_ID = "_row_id";

    public Relation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(topicSettings, "topicSettings");
        Objects.requireNonNull(createSql, "createSql");
        properties = Map.copyOf(new TreeMap<>(properties));
        dependsOn = List.copyOf(dependsOn);
        if (timestampColumn != null && schema.column(timestampColumn).isEmpty()) {
            throw new IllegalArgumentException("timestamp column " + timestampColumn + " is not a column");
        }
        if (kind.isKeyed() && !schema.hasKey()) {
            throw new IllegalArgumentException(kind.sqlName() + " " + name + " needs a key");
        }
    }

    /** The columns users see: all but a hidden row id. */
    public List<Column> visibleColumns() {
        if (!hiddenKey) {
            return schema.columns();
        }
        return schema.columns().stream()
                .filter(c -> !c.name().equals(HIDDEN_ROW_ID))
                .toList();
    }

    public Optional<String> timestamp() {
        return Optional.ofNullable(timestampColumn);
    }
}
