package dev.sluice.planner.sql;

import dev.sluice.sql.ast.Case;
import dev.sluice.sql.ast.Cast;
import dev.sluice.sql.ast.ColumnRef;
import dev.sluice.sql.ast.Expression;
import dev.sluice.sql.ast.FieldAccess;
import dev.sluice.sql.ast.FunctionCall;
import dev.sluice.sql.ast.Subscript;
import dev.sluice.sql.ast.TypedLiteral;
import java.util.Locale;

/**
 * The name PostgreSQL gives an unaliased result column (its {@code FigureColname}): a column keeps
 * its name, a function call is named after the function, a CAST after its operand or else its type,
 * CASE is {@code case}, anything else {@code ?column?}. Clients and tests read columns by these
 * names, so Calcite's {@code EXPR$n} must not leak out.
 */
final class ColumnNames {
    static final String UNNAMED = "?column?";

    private ColumnNames() {}

    /** The name for {@code e}, or null to keep the expression's own (a plain column reference). */
    static String of(Expression e) {
        if (e instanceof ColumnRef) {
            return null;
        }
        return figure(e);
    }

    private static String figure(Expression e) {
        if (e instanceof ColumnRef c) {
            return c.parts().get(c.parts().size() - 1);
        }
        if (e instanceof FunctionCall f) {
            return f.name().last().toLowerCase(Locale.ROOT);
        }
        if (e instanceof Cast c) {
            String inner = figure(c.expression());
            // As PostgreSQL's FigureColname: a name from an inner cast is weak, the outer type wins.
            if (!inner.equals(UNNAMED) && !(c.expression() instanceof Cast)) {
                return inner;
            }
            return c.type()
                    .toSqlType()
                    .map(t -> t.kind().pgTypeName())
                    .orElseGet(() -> c.type() instanceof dev.sluice.sql.ast.NamedType n
                            ? n.name().last().toLowerCase(Locale.ROOT)
                            : UNNAMED);
        }
        if (e instanceof TypedLiteral t) {
            return t.type().toSqlType().map(x -> x.kind().pgTypeName()).orElse(UNNAMED);
        }
        if (e instanceof Case) {
            return "case";
        }
        if (e instanceof FieldAccess f) {
            return f.field();
        }
        if (e instanceof Subscript s) {
            return figure(s.base());
        }
        return UNNAMED;
    }
}
