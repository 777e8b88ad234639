package dev.sluice.planner.pgcatalog;

import dev.sluice.common.types.Column;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.catalog.RelationKind;
import dev.sluice.planner.catalog.TopicSettings;
import dev.sluice.planner.pgcatalog.CatalogView.Rel;
import java.util.ArrayList;
import java.util.List;

/**
 * Sluice's own system relations in {@code sluice_catalog}: what the catalog holds in Sluice's
 * terms (streams, tables, materialized views with their topics and keys, columns) and what runs
 * (persistent queries with status and lag, topics with partitions and offsets). Users query them
 * like any table: {@code SELECT * FROM sluice_catalog.topics}.
 */
final class SluiceCatalogTables {
    static final String SCHEMA = "sluice_catalog";

    private SluiceCatalogTables() {}

    static void addTo(SystemTables tables) {
        tables.add(
                SCHEMA,
                "relations",
                0,
                "oid:oid schema_name:text name:text kind:text topic:text partitions:int4 replicas:int4"
                        + " key_columns:text[] timestamp_column:text create_sql:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (Rel r : c.catalog().userRelations()) {
                        Relation rel = r.relation();
                        rows.add(new Object[] {
                            r.oid(),
                            r.schema(),
                            r.name(),
                            rel.kind().sqlName(),
                            rel.topic(),
                            rel.topicSettings().partitions(),
                            rel.topicSettings().replicas(),
                            keyColumns(rel),
                            rel.timestampColumn(),
                            rel.createSql()
                        });
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "streams",
                0,
                "oid:oid schema_name:text name:text topic:text partitions:int4 replicas:int4 key_column:text"
                        + " timestamp_column:text retention_ms:int8 create_sql:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (Rel r : ofKind(c, RelationKind.STREAM)) {
                        Relation rel = r.relation();
                        TopicSettings t = rel.topicSettings();
                        List<String> key = keyColumns(rel);
                        rows.add(new Object[] {
                            r.oid(),
                            r.schema(),
                            r.name(),
                            rel.topic(),
                            t.partitions(),
                            t.replicas(),
                            key.isEmpty() ? null : key.get(0),
                            rel.timestampColumn(),
                            t.retentionMs() < 0 ? null : t.retentionMs(),
                            rel.createSql()
                        });
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "tables",
                0,
                "oid:oid schema_name:text name:text topic:text partitions:int4 replicas:int4 primary_key:text[]"
                        + " create_sql:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (Rel r : ofKind(c, RelationKind.TABLE)) {
                        Relation rel = r.relation();
                        rows.add(new Object[] {
                            r.oid(),
                            r.schema(),
                            r.name(),
                            rel.topic(),
                            rel.topicSettings().partitions(),
                            rel.topicSettings().replicas(),
                            rel.hiddenKey() ? List.of() : keyColumns(rel),
                            rel.createSql()
                        });
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "materialized_views",
                0,
                "oid:oid schema_name:text name:text topic:text partitions:int4 key_columns:text[]"
                        + " depends_on:text[] definition:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (Rel r : ofKind(c, RelationKind.MATERIALIZED_VIEW)) {
                        Relation rel = r.relation();
                        List<String> deps =
                                rel.dependsOn().stream().map(Object::toString).toList();
                        rows.add(new Object[] {
                            r.oid(),
                            r.schema(),
                            r.name(),
                            rel.topic(),
                            rel.topicSettings().partitions(),
                            keyColumns(rel),
                            deps,
                            rel.createSql()
                        });
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "columns",
                0,
                "relation_oid:oid schema_name:text relation_name:text name:text ordinal:int4 type:text"
                        + " nullable:bool is_key:bool",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (Rel r : c.catalog().userRelations()) {
                        List<String> key = keyColumns(r.relation());
                        for (int i = 0; i < r.columns().size(); i++) {
                            Column col = r.columns().get(i);
                            rows.add(new Object[] {
                                r.oid(),
                                r.schema(),
                                r.name(),
                                col.name(),
                                i + 1,
                                col.type().toSql(),
                                col.nullable(),
                                key.contains(col.name())
                            });
                        }
                    }
                    return rows;
                });
        tables.add(SCHEMA, "queries", 0, "id:text status:text sink:text lag:int8 sql:text error:text", c -> {
            List<Object[]> rows = new ArrayList<>();
            if (c.session() != null) {
                for (SystemInfo.QueryStatus q : c.session().system().queries()) {
                    rows.add(new Object[] {q.id(), q.status(), q.sink(), q.lag(), q.sql(), q.error()});
                }
            }
            return rows;
        });
        tables.add(SCHEMA, "topics", 0, "name:text partitions:int4 replicas:int4 messages:int8", c -> {
            List<Object[]> rows = new ArrayList<>();
            if (c.session() != null) {
                for (SystemInfo.Topic t : c.session().system().topics()) {
                    long messages = 0;
                    for (SystemInfo.TopicPartition p : t.offsets()) {
                        messages += Math.max(0, p.endOffset() - p.startOffset());
                    }
                    rows.add(new Object[] {t.name(), t.partitions(), t.replicas(), messages});
                }
            }
            return rows;
        });
        tables.add(SCHEMA, "topic_partitions", 0, "topic:text partition:int4 start_offset:int8 end_offset:int8", c -> {
            List<Object[]> rows = new ArrayList<>();
            if (c.session() != null) {
                for (SystemInfo.Topic t : c.session().system().topics()) {
                    for (SystemInfo.TopicPartition p : t.offsets()) {
                        rows.add(new Object[] {p.topic(), p.partition(), p.startOffset(), p.endOffset()});
                    }
                }
            }
            return rows;
        });
    }

    private static List<Rel> ofKind(SystemTable.SystemContext c, RelationKind kind) {
        return c.catalog().userRelations().stream()
                .filter(r -> r.relation().kind() == kind)
                .toList();
    }

    private static List<String> keyColumns(Relation rel) {
        if (rel.hiddenKey()) {
            return List.of();
        }
        return rel.schema().keyColumns().stream().map(Column::name).toList();
    }
}
