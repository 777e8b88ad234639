package dev.sluice.sql;

import dev.sluice.sql.ast.Expression;
import dev.sluice.sql.ast.Statement;
import dev.sluice.sql.grammar.SluiceSqlLexer;
import dev.sluice.sql.grammar.SluiceSqlParser;
import dev.sluice.sql.grammar.SluiceSqlParser.StatementContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Entry point: SQL text → AST. Stateless and thread-safe (ANTLR's DFA cache is shared by all parser
 * instances, so the first statements warm it up and later ones parse fast).
 *
 * <p>How a string is parsed:
 *
 * <ol>
 *   <li>Lex everything; an unterminated string, quoted identifier, dollar quote or comment is
 *       reported at once with PostgreSQL's message.
 *   <li>Parse with SLL prediction and {@link BailErrorStrategy}: fast, and right for nearly all input.
 *   <li>If that fails, rewind and parse again with full LL prediction, which either succeeds (SLL was
 *       merely too weak) or reports the real syntax error through {@link SyntaxErrors}.
 *   <li>Build the AST with {@link AstBuilder}.
 * </ol>
 */
public final class SqlParser {
    private SqlParser() {}

    /** Parses {@code ;}-separated statements. Empty input or only comments gives an empty list. */
    public static List<ParsedStatement> parseStatements(String sql) {
        return parse(sql, p -> {
            List<ParsedStatement> out = new ArrayList<>();
            AstBuilder builder = new AstBuilder();
            for (StatementContext s : p.statements().statement()) {
                Token start = s.getStart();
                Token stop = s.getStop();
                String text = sql.substring(start.getStartIndex(), stop.getStopIndex() + 1);
                out.add(new ParsedStatement(builder.statement(s), text, start.getStartIndex(), AstBuilder.pos(start)));
            }
            return out;
        });
    }

    /** Parses exactly one statement (an optional trailing {@code ;} is allowed). */
    public static Statement parseStatement(String sql) {
        return parse(sql, p -> new AstBuilder().statement(p.singleStatement().statement()));
    }

    /** Parses a standalone expression, e.g. a column default or a filter typed in the shell. */
    public static Expression parseExpression(String sql) {
        return parse(sql, p -> new AstBuilder().expr(p.singleExpression().expression()));
    }

    private static <T> T parse(String sql, Function<SluiceSqlParser, T> rule) {
        try {
            return parseTwoStage(sql, rule);
        } catch (StackOverflowError e) {
            throw new SqlParseException("statement is too deeply nested to parse", null, 0, 0, 0, "", List.of());
        }
    }

    private static <T> T parseTwoStage(String sql, Function<SluiceSqlParser, T> rule) {
        SluiceSqlLexer lexer = new SluiceSqlLexer(CharStreams.fromString(sql));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        SyntaxErrors.checkLexical(tokens.getTokens());

        SluiceSqlParser parser = new SluiceSqlParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return rule.apply(parser);
        } catch (ParseCancellationException sllFailed) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.addErrorListener(new SyntaxErrors(parser));
            return rule.apply(parser);
        }
    }
}
