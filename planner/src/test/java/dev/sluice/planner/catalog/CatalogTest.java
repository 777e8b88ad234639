package dev.sluice.planner.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.common.SluiceException;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogTest {
    static Relation stream(long oid, String name) {
        return new Relation(
                oid,
                QualifiedName.of(name),
                RelationKind.STREAM,
                Schema.of(List.of(
                        Column.of("user_id", SqlType.INT),
                        Column.of("page", SqlType.VARCHAR),
                        Column.of("ts", SqlType.TIMESTAMP))),
                "ts",
                name,
                TopicSettings.stream(4),
                Map.of("partitions", "4", "timestamp", "'ts'"),
                "CREATE STREAM " + name
                        + " (user_id INT, page VARCHAR, ts TIMESTAMP) WITH (partitions = 4, timestamp = 'ts')",
                List.of(),
                false);
    }

    static Relation view(long oid, String name, String... from) {
        return new Relation(
                oid,
                QualifiedName.of(name),
                RelationKind.MATERIALIZED_VIEW,
                Schema.withKey(
                        List.of(Column.notNull("user_id", SqlType.INT), Column.notNull("views", SqlType.BIGINT)),
                        List.of("user_id")),
                null,
                "_view_" + name,
                TopicSettings.changelog(4),
                Map.of(),
                "CREATE MATERIALIZED VIEW " + name + " AS SELECT ...",
                List.of(from).stream().map(QualifiedName::of).toList(),
                false);
    }

    @Test
    void replayKeepsTheLatestChangePerNameAndHonoursTombstones() {
        Catalog catalog = new Catalog();
        catalog.replay(List.of(
                new CatalogChange.Put(stream(16384, "a")),
                new CatalogChange.Put(stream(16385, "b")),
                new CatalogChange.Remove(QualifiedName.of("a")),
                new CatalogChange.Put(stream(16390, "c"))));
        assertEquals(
                List.of("b", "c"),
                catalog.snapshot().relations().stream()
                        .map(r -> r.name().name())
                        .toList());
        assertEquals(16391, catalog.allocateOid());
    }

    @Test
    void createRefusesDuplicatesUnlessIfNotExists() {
        Catalog catalog = new Catalog();
        catalog.apply(new CatalogChange.Put(stream(catalog.allocateOid(), "pageviews")));
        SluiceException e = assertThrows(
                SluiceException.class, () -> catalog.checkCreate(QualifiedName.of("pageviews"), false, List.of()));
        assertEquals("42P07", e.sqlState());
        assertEquals("relation \"pageviews\" already exists (a stream)", e.getMessage());
        assertFalse(catalog.checkCreate(QualifiedName.of("pageviews"), true, List.of()));
        assertTrue(catalog.checkCreate(QualifiedName.of("other"), false, List.of(QualifiedName.of("pageviews"))));
        assertEquals(
                "42P01",
                assertThrows(
                                SluiceException.class,
                                () -> catalog.checkCreate(
                                        QualifiedName.of("x"), false, List.of(QualifiedName.of("nope"))))
                        .sqlState());
    }

    @Test
    void dropRefusesWhileDependentsExistAndCascadesInDependencyOrder() {
        Catalog catalog = new Catalog();
        catalog.apply(new CatalogChange.Put(stream(1, "s")));
        catalog.apply(new CatalogChange.Put(view(2, "v1", "s")));
        catalog.apply(new CatalogChange.Put(view(3, "v2", "v1")));
        SluiceException e = assertThrows(
                SluiceException.class,
                () -> catalog.planDrop(QualifiedName.of("s"), RelationKind.STREAM, false, false));
        assertEquals("2BP01", e.sqlState());
        assertEquals("depends on it: v1", e.detail().orElseThrow());
        List<String> order = new ArrayList<>();
        catalog.planDrop(QualifiedName.of("s"), RelationKind.STREAM, false, true)
                .forEach(r -> order.add(r.name().name()));
        assertEquals(List.of("v2", "v1", "s"), order);
        assertEquals(List.of(), catalog.planDrop(QualifiedName.of("zz"), RelationKind.TABLE, true, false));
        assertEquals(
                "42809",
                assertThrows(
                                SluiceException.class,
                                () -> catalog.planDrop(QualifiedName.of("s"), RelationKind.TABLE, false, false))
                        .sqlState());
        assertEquals(
                "42P01",
                assertThrows(
                                SluiceException.class,
                                () -> catalog.planDrop(QualifiedName.of("zz"), RelationKind.TABLE, false, false))
                        .sqlState());
    }

    @Test
    void codecRoundTripsEveryField() {
        Relation r = new Relation(
                16400,
                new QualifiedName("sales", "Orders"),
                RelationKind.TABLE,
                Schema.withKey(
                        List.of(
                                Column.notNull("id", SqlType.BIGINT),
                                Column.of("amount", SqlType.decimal(12, 2)),
                                Column.of("tags", SqlType.map(SqlType.TEXT, SqlType.array(SqlType.varchar(5)))),
                                Column.of("addr", SqlType.struct(List.of(new SqlType.Field("city", SqlType.TEXT))))),
                        List.of("id")),
                null,
                "sales.Orders",
                new TopicSettings(3, 1, 604_800_000L, -1, true),
                Map.of("partitions", "3"),
                "CREATE TABLE sales.\"Orders\" (...)",
                List.of(),
                false);
        CatalogChange put = new CatalogChange.Put(r);
        CatalogChange back = CatalogCodec.decode(CatalogCodec.encodeKey(r.name()), CatalogCodec.encodeValue(put));
        assertEquals(put, back);
        CatalogChange remove = new CatalogChange.Remove(r.name());
        assertEquals(remove, CatalogCodec.decode(CatalogCodec.encodeKey(r.name()), CatalogCodec.encodeValue(remove)));
    }

    @Test
    void corruptValuesAreReportedNotServed() {
        byte[] key = CatalogCodec.encodeKey(QualifiedName.of("x"));
        SluiceException e =
                assertThrows(SluiceException.class, () -> CatalogCodec.decode(key, "{\"v\":1,\"oid\":".getBytes()));
        assertEquals("XX001", e.sqlState());
        assertEquals(
                "XX001",
                assertThrows(SluiceException.class, () -> CatalogCodec.decode(key, "{\"v\":9}".getBytes()))
                        .sqlState());
    }

    @Test
    void hiddenRowIdIsNotVisible() {
        Relation r = new Relation(
                1,
                QualifiedName.of("t"),
                RelationKind.TABLE,
                Schema.withKey(
                        List.of(Column.notNull(Relation.HIDDEN_ROW_ID, SqlType.BIGINT), Column.of("a", SqlType.INT)),
                        List.of(Relation.HIDDEN_ROW_ID)),
                null,
                "t",
                TopicSettings.changelog(1),
                Map.of(),
                "CREATE TABLE t (a INT)",
                List.of(),
                true);
        assertEquals(List.of("a"), r.visibleColumns().stream().map(Column::name).toList());
    }

    @Test
    void namesQuoteWhatCaseFoldingWouldChange() {
        assertEquals("pageviews", QualifiedName.of("pageviews").displayName());
        assertEquals("\"PageViews\"", QualifiedName.of("PageViews").displayName());
        assertEquals("sales.\"my table\"", new QualifiedName("sales", "my table").displayName());
    }
}
