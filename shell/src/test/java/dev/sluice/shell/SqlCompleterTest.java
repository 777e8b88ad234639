package dev.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;

class SqlCompleterTest {
    private final FakeBackend.FakeCatalog fake = new FakeBackend.FakeCatalog()
            .add("users", "TABLE", new Column("id", "int4"), new Column("name", "text"))
            .add("pageviews", "STREAM", new Column("page", "text"), new Column("user_id", "int4"));
    private final CatalogCache cache = new CatalogCache(fake);
    private final SqlCompleter completer = new SqlCompleter(cache);

    private List<String> values(String buffer) {
        var line = SqlLineParser.words(buffer, buffer.length());
        String prefix = line.word().substring(0, line.wordCursor());
        return completer.candidates(buffer, buffer.length(), prefix).stream()
                .map(Candidate::value)
                .filter(v -> v.toLowerCase().startsWith(prefix.toLowerCase()))
                .toList();
    }

    @Test
    void statementStartOffersTemplatesAndKeywords() {
        List<String> v = values("CRE");
        assertTrue(v.contains("CREATE STREAM "), v.toString());
        assertTrue(v.contains("CREATE MATERIALIZED VIEW "), v.toString());
        assertTrue(v.contains("CREATE"), v.toString());
        assertTrue(values("subs").contains("subscribe to "), "keywords and templates follow the typed case");
    }

    @Test
    void catalogNamesAndColumns() {
        assertTrue(values("SELECT * FROM pa").contains("pageviews"));
        assertEquals(List.of("users.id", "users.name"), values("SELECT users."));
        assertEquals(List.of("users.name"), values("SELECT users.n"));
        assertTrue(values("SELECT na").isEmpty() || !values("SELECT na").contains("name"));
        assertTrue(values("SELECT * FROM users WHERE na").contains("name"), "columns of the named relation");
        assertEquals(List.of("public.users"), values("SELECT * FROM public.u"));
    }

    @Test
    void templatesOnlyAtStatementStart() {
        assertFalse(values("SELECT * FROM users; SELECT 1 FROM x WHERE CRE").contains("CREATE STREAM "));
        assertTrue(values("SELECT 1; CRE").contains("CREATE STREAM "));
    }

    @Test
    void metaCommandsAndNamesAfterBackslashD() {
        assertEquals(List.of("\\d", "\\dt", "\\dv", "\\ds"), values("\\d"));
        assertEquals(List.of("users"), values("\\d us"));
    }

    @Test
    void catalogIsLoadedOnceAndAgainAfterInvalidate() {
        values("SELECT * FROM u");
        values("SELECT * FROM p");
        assertEquals(1, fake.loads);
        fake.add("orders", "TABLE");
        assertFalse(values("SELECT * FROM o").contains("orders"));
        cache.invalidate(); // what the runner does after CREATE/DROP
        assertTrue(values("SELECT * FROM o").contains("orders"));
        assertEquals(2, fake.loads);
    }
}
