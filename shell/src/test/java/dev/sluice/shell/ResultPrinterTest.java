package dev.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultPrinterTest {
    private static String render(OutputFormat format, List<String> header, List<String[]> rows) {
        return new ResultPrinter(new PrintStream(new ByteArrayOutputStream()), format).render(header, rows);
    }

    @Test
    void tableIsAlignedAndShowsNull() {
        String out = render(
                OutputFormat.table, List.of("id", "name"), List.of(new String[] {"1", "ann"}, new String[] {"22", null
                }));
        assertEquals(
                """
                 id | name
                ----+------
                 1  | ann\s
                 22 | NULL
                (2 rows)
                """,
                out);
    }

    @Test
    void csvQuotesWhatNeedsIt() {
        String out =
                render(OutputFormat.csv, List.of("a", "b"), List.<String[]>of(new String[] {"x,y", null}, new String[] {
                    "say \"hi\"", ""
                }));
        assertEquals("a,b\n\"x,y\",\n\"say \"\"hi\"\"\",\"\"\n", out);
    }

    @Test
    void jsonLinesEscape() {
        String out = render(OutputFormat.json, List.of("a", "b"), List.<String[]>of(new String[] {"line\n2", null}));
        assertEquals("{\"a\":\"line\\n2\",\"b\":null}\n", out);
    }
}
