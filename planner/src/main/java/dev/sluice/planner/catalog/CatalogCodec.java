package dev.sluice.planner.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import dev.sluice.common.types.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of catalog log records: the key is the object's qualified name, the value a JSON
 * document (readable with {@code PRINT __sluice_catalog}, and easy to evolve: readers ignore fields
 * they do not know). A {@link CatalogChange.Remove} is a record with a null value (a tombstone).
 *
 * <p>Value layout, version 1: {@code {"v":1, "oid":..., "schema":..., "name":..., "kind":...,
 * "columns":[{"name":..., "type":{...}, "nullable":...}], "key":[...], "timestamp":...,
 * "topic":..., "partitions":..., "replicas":..., "retentionMs":..., "retentionBytes":...,
 * "compacted":..., "properties":{...}, "sql":..., "dependsOn":[...], "hiddenKey":...}}.
 */
public final class CatalogCodec {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogCodec() {}

    public static byte[] encodeKey(QualifiedName name) {
        return (name.schema() + "." + name.name()).getBytes(StandardCharsets.UTF_8);
    }

    /** The value bytes of a change: JSON for a put, null (a tombstone) for a remove. */
    public static byte[] encodeValue(CatalogChange change) {
        if (change instanceof CatalogChange.Remove) {
            return null;
        }
        Relation r = ((CatalogChange.Put) change).relation();
        ObjectNode n = JSON.createObjectNode();
        n.put("v", VERSION);
        n.put("oid", r.oid());
        n.put("schema", r.name().schema());
        n.put("name", r.name().name());
        n.put("kind", r.kind().name());
        ArrayNode columns = n.putArray("columns");
        for (Column c : r.schema().columns()) {
            ObjectNode col = columns.addObject();
            col.put("name", c.name());
            col.set("type", encodeType(c.type()));
            col.put("nullable", c.nullable());
        }
        ArrayNode key = n.putArray("key");
        r.schema().keyColumns().forEach(c -> key.add(c.name()));
        if (r.timestampColumn() != null) {
            n.put("timestamp", r.timestampColumn());
        }
        n.put("topic", r.topic());
        n.put("partitions", r.topicSettings().partitions());
        n.put("replicas", r.topicSettings().replicas());
        n.put("retentionMs", r.topicSettings().retentionMs());
        n.put("retentionBytes", r.topicSettings().retentionBytes());
        n.put("compacted", r.topicSettings().compacted());
        ObjectNode props = n.putObject("properties");
        r.properties().forEach(props::put);
        n.put("sql", r.createSql());
        ArrayNode deps = n.putArray("dependsOn");
        for (QualifiedName d : r.dependsOn()) {
            deps.addObject().put("schema", d.schema()).put("name", d.name());
        }
        n.put("hiddenKey", r.hiddenKey());
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode catalog entry " + r.name(), e);
        }
    }

    /** Decodes a record of the catalog topic back into a change. */
    public static CatalogChange decode(byte[] key, byte[] value) {
        if (value == null) {
            String k = new String(key, StandardCharsets.UTF_8);
            int dot = k.indexOf('.');
            if (dot <= 0) {
                throw corrupt("bad key " + k);
            }
            return new CatalogChange.Remove(new QualifiedName(k.substring(0, dot), k.substring(dot + 1)));
        }
        try {
            JsonNode n = JSON.readTree(value);
            int version = n.path("v").asInt(-1);
            if (version != VERSION) {
                throw corrupt("unknown catalog entry version " + version);
            }
            List<Column> columns = new ArrayList<>();
            for (JsonNode col : n.withArray("columns")) {
                columns.add(new Column(
                        col.get("name").asText(),
                        decodeType(col.get("type")),
                        col.get("nullable").asBoolean()));
            }
            List<String> keyColumns = new ArrayList<>();
            n.withArray("key").forEach(k -> keyColumns.add(k.asText()));
            Map<String, String> props = new LinkedHashMap<>();
            n.path("properties")
                    .fields()
                    .forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
            List<QualifiedName> deps = new ArrayList<>();
            for (JsonNode d : n.withArray("dependsOn")) {
                deps.add(new QualifiedName(
                        d.get("schema").asText(), d.get("name").asText()));
            }
            Relation r = new Relation(
                    n.get("oid").asLong(),
                    new QualifiedName(n.get("schema").asText(), n.get("name").asText()),
                    RelationKind.valueOf(n.get("kind").asText()),
                    keyColumns.isEmpty() ? Schema.of(columns) : Schema.withKey(columns, keyColumns),
                    n.hasNonNull("timestamp") ? n.get("timestamp").asText() : null,
                    n.get("topic").asText(),
                    new TopicSettings(
                            n.get("partitions").asInt(),
                            n.get("replicas").asInt(),
                            n.get("retentionMs").asLong(),
                            n.get("retentionBytes").asLong(),
                            n.get("compacted").asBoolean()),
                    props,
                    n.get("sql").asText(),
                    deps,
                    n.path("hiddenKey").asBoolean(false));
            return new CatalogChange.Put(r);
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof SluiceException se) {
                throw se;
            }
            throw corrupt("cannot decode catalog entry: " + e.getMessage());
        }
    }

    static ObjectNode encodeType(SqlType t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", t.kind().name());
        if (t.length() != SqlType.UNSPECIFIED) {
            n.put("length", t.length());
        }
        if (t.precision() != SqlType.UNSPECIFIED) {
            n.put("precision", t.precision());
        }
        if (t.scale() != SqlType.UNSPECIFIED) {
            n.put("scale", t.scale());
        }
        if (t.element() != null) {
            n.set("element", encodeType(t.element()));
        }
        if (t.key() != null) {
            n.set("key", encodeType(t.key()));
        }
        if (!t.fields().isEmpty()) {
            ArrayNode fields = n.putArray("fields");
            for (SqlType.Field f : t.fields()) {
                fields.addObject().put("name", f.name()).set("type", encodeType(f.type()));
            }
        }
        return n;
    }

    static SqlType decodeType(JsonNode n) {
        List<SqlType.Field> fields = new ArrayList<>();
        for (JsonNode f : n.withArray("fields")) {
            fields.add(new SqlType.Field(f.get("name").asText(), decodeType(f.get("type"))));
        }
        return new SqlType(
                TypeKind.valueOf(n.get("kind").asText()),
                n.path("length").asInt(SqlType.UNSPECIFIED),
                n.path("precision").asInt(SqlType.UNSPECIFIED),
                n.path("scale").asInt(SqlType.UNSPECIFIED),
                n.has("element") ? decodeType(n.get("element")) : null,
                n.has("key") ? decodeType(n.get("key")) : null,
                fields);
    }

    private static SluiceException corrupt(String message) {
        return new SluiceException(SqlState.DATA_CORRUPTED, "corrupt catalog log: " + message);
    }
}
