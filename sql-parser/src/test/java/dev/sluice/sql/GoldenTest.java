package dev.sluice.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.sql.ast.Statement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests: every {@code golden/NAME.sql} is parsed statement by statement and each statement's
 * canonical form is compared with {@code golden/NAME.expected} (one statement per line).
 *
 * <p>Regenerate all goldens after an intended change with {@code mvn -o -pl sql-parser test
 * -Dtest=GoldenTest -Dgolden.regenerate=true}, then review the diff. See golden/README.md.
 */
class GoldenTest {
    static final Path DIR = Path.of("src/test/resources/golden");

    static Stream<Path> cases() {
        try {
            return Files.list(DIR).filter(p -> p.toString().endsWith(".sql")).sorted();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path expectedFile(Path sql) {
        String name = sql.getFileName().toString();
        return sql.resolveSibling(name.substring(0, name.length() - 4) + ".expected");
    }

    static String canonical(List<ParsedStatement> statements) {
        StringBuilder sb = new StringBuilder();
        for (ParsedStatement s : statements) {
            sb.append(SqlFormatter.format(s.statement())).append(";\n");
        }
        return sb.toString();
    }

    @TestFactory
    Stream<DynamicTest> canonicalFormMatchesGolden() {
        boolean regenerate = Boolean.getBoolean("golden.regenerate");
        return cases().map(sql -> DynamicTest.dynamicTest(sql.getFileName().toString(), () -> {
            List<ParsedStatement> statements = SqlParser.parseStatements(read(sql));
            assertFalse(statements.isEmpty(), "no statements in " + sql);
            String actual = canonical(statements);
            Path expected = expectedFile(sql);
            if (regenerate) {
                Files.writeString(expected, actual, StandardCharsets.UTF_8);
            } else {
                assertTrue(Files.exists(expected), "missing " + expected + "; run with -Dgolden.regenerate=true");
                assertEquals(read(expected), actual, "canonical form of " + sql);
            }
        }));
    }

    /** The round-trip property: parse(format(parse(s))) equals parse(s), and formatting is a fixpoint. */
    @TestFactory
    Stream<DynamicTest> formatThenParseGivesTheSameAst() {
        return cases().flatMap(sql -> SqlParser.parseStatements(read(sql)).stream()
                .map(s -> DynamicTest.dynamicTest(
                        sql.getFileName() + " @" + s.pos() + ": " + abbreviate(s.text()), () -> {
                            String formatted = SqlFormatter.format(s.statement());
                            Statement reparsed = SqlParser.parseStatement(formatted);
                            assertEquals(s.statement(), reparsed, formatted);
                            assertEquals(formatted, SqlFormatter.format(reparsed));
                            // the statement's own source text parses alone to the same AST
                            assertEquals(s.statement(), SqlParser.parseStatement(s.text()));
                        })));
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() > 60 ? oneLine.substring(0, 60) + "..." : oneLine;
    }
}
