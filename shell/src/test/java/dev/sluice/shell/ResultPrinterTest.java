package dev.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden output of finished results in each format. */
class ResultPrinterTest {
    private static final List<Column> COLS = List.of(new Column("id", "int4"), new Column("name", "text"));

    private static String render(ShellSettings settings, int width, List<Column> columns, String[]... rows) {
        return new ResultPrinter(settings, Style.PLAIN, () -> width).render(columns, List.of(rows));
    }

    private static String render(OutputFormat format, List<Column> columns, String[]... rows) {
        ShellSettings s = new ShellSettings();
        s.format = format;
        return render(s, 0, columns, rows);
    }

    @Test
    void tableIsAlignedNumbersRightNullShown() {
        assertEquals(
                """
                 id | name
                ----+------
                  1 | ann
                 22 | NULL
                (2 rows)
                """,
                render(OutputFormat.table, COLS, new String[] {"1", "ann"}, new String[] {"22", null}));
    }

    @Test
    void typesInHeaderOnRequestAndNullTextConfigurable() {
        ShellSettings s = new ShellSettings();
        s.showTypes = true;
        s.nullText = "∅";
        assertEquals(
                """
                  id  | name
                 int4 | text
                ------+------
                    7 | ∅
                (1 row)
                """,
                render(s, 0, COLS, new String[] {"7", null}));
    }

    @Test
    void emptyResultAndControlCharacters() {
        assertEquals(
                """
                 id | name
                ----+------
                (0 rows)
                """,
                render(OutputFormat.table, COLS));
        assertEquals(
                """
                 id |  name
                ----+---------
                  1 | a\\nb\\tc
                (1 row)
                """,
                render(OutputFormat.table, COLS, new String[] {"1", "a\nb\tc"}));
    }

    @Test
    void wideCharactersCountTwoColumns() {
        assertEquals(
                """
                 id | name
                ----+------
                  1 | 日本
                  2 | ab
                (2 rows)
                """,
                render(OutputFormat.table, COLS, new String[] {"1", "日本"}, new String[] {"2", "ab"}));
    }

    @Test
    void expandedModeOneBlockPerRow() {
        ShellSettings s = new ShellSettings();
        s.expanded = Expanded.ON;
        assertEquals(
                """
                -[ RECORD 1 ]----
                id   | 1
                name | ann
                -[ RECORD 2 ]----
                id   | 2
                name | NULL
                (2 rows)
                """,
                render(s, 0, COLS, new String[] {"1", "ann"}, new String[] {"2", null}));
    }

    @Test
    void autoSwitchesToVerticalWhenTooWideAndWrapsLongValues() {
        ShellSettings s = new ShellSettings();
        s.expanded = Expanded.AUTO;
        String longText = "x".repeat(30);
        // fits in 80 columns: a table
        assertEquals(
                " id |              name\n----+--------------------------------\n  1 | " + longText + "\n(1 row)\n",
                render(s, 80, COLS, new String[] {"1", longText}));
        // 20 columns: records, the value wrapped at 20 - "name | ".length() = 13
        assertEquals(
                """
                -[ RECORD 1 ]----
                id   | 1
                name | xxxxxxxxxxxxx
                     | xxxxxxxxxxxxx
                     | xxxx
                (1 row)
                """,
                render(s, 20, COLS, new String[] {"1", longText}));
    }

    @Test
    void csvQuotesWhatNeedsIt() {
        List<Column> cols = List.of(new Column("a", "text"), new Column("b", "text"));
        assertEquals(
                "a,b\n\"x,y\",\n\"say \"\"hi\"\"\",\"\"\n",
                render(OutputFormat.csv, cols, new String[] {"x,y", null}, new String[] {"say \"hi\"", ""}));
    }

    @Test
    void jsonLinesTypedAndEscaped() {
        List<Column> cols = List.of(
                new Column("a", "text"),
                new Column("n", "int8"),
                new Column("f", "float8"),
                new Column("ok", "bool"),
                new Column("z", "text"));
        assertEquals(
                "{\"a\":\"line\\n2\",\"n\":42,\"f\":\"NaN\",\"ok\":true,\"z\":null}\n",
                render(OutputFormat.json, cols, new String[] {"line\n2", "42", "NaN", "t", null}));
    }
}
