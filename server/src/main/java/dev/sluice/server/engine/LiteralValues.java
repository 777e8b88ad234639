package dev.sluice.server.engine;

import dev.sluice.common.SluiceException;
import dev.sluice.common.types.Interval;
import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import dev.sluice.common.types.TypeKind;
import dev.sluice.pgwire.types.PgTypes;
import dev.sluice.sql.ast.BooleanLiteral;
import dev.sluice.sql.ast.Cast;
import dev.sluice.sql.ast.Expression;
import dev.sluice.sql.ast.IntervalField;
import dev.sluice.sql.ast.IntervalLiteral;
import dev.sluice.sql.ast.NullLiteral;
import dev.sluice.sql.ast.NumberLiteral;
import dev.sluice.sql.ast.Parameter;
import dev.sluice.sql.ast.StringLiteral;
import dev.sluice.sql.ast.TypedLiteral;
import dev.sluice.sql.ast.UnaryExpression;
import dev.sluice.sql.ast.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The fast path of INSERT ... VALUES: when every value is a literal or a parameter, values are taken
 * straight from the AST and assigned to their columns, without compiling a query.
 */
final class LiteralValues {
    private LiteralValues() {}

    static boolean allSimple(Values values) {
        for (List<Expression> row : values.rows()) {
            for (Expression e : row) {
                if (!isSimple(e)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isSimple(Expression e) {
        return e instanceof NumberLiteral
                || e instanceof StringLiteral
                || e instanceof BooleanLiteral
                || e instanceof NullLiteral
                || e instanceof Parameter
                || e instanceof TypedLiteral
                || (e instanceof IntervalLiteral i && simpleInterval(i))
                || (e instanceof Cast c && castType(c) != null)
                || (e instanceof UnaryExpression u
                        && (u.operator().equals("-") || u.operator().equals("+"))
                        && u.operand() instanceof NumberLiteral);
    }

    /**
     * An interval literal whose exact value is known without Calcite: PostgreSQL style text ({@code
     * INTERVAL '1 day 02:00:00'}) or one number and one field ({@code INTERVAL '90' MINUTE}). The
     * other qualified forms go through Calcite.
     */
    private static boolean simpleInterval(IntervalLiteral i) {
        return i.from() == null
                || (i.to() == null
                        && i.from() != IntervalField.MILLISECOND
                        && PLAIN_NUMBER.matcher(i.value().trim()).matches());
    }

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    /**
     * The type of a cast of a string literal or NULL to a scalar type ({@code '1 day'::interval},
     * {@code '\\xff'::bytea}), whose value is the type's text input, as in PostgreSQL; else null.
     * VARCHAR(n) is left to Calcite: an explicit cast truncates where assignment fails.
     */
    private static SqlType castType(Cast c) {
        if (!(c.expression() instanceof StringLiteral || c.expression() instanceof NullLiteral)) {
            return null;
        }
        SqlType t = c.type().toSqlType().orElse(null);
        if (t == null
                || t.kind() == TypeKind.ARRAY
                || t.kind() == TypeKind.MAP
                || t.kind() == TypeKind.STRUCT
                || (t.kind() == TypeKind.VARCHAR && t.length() != SqlType.UNSPECIFIED)) {
            return null;
        }
        return t;
    }

    /** Each parameter's type: what the client declared, else the type of the column it is assigned to. */
    static List<SqlType> parameterTypes(Values values, List<Integer> targets, Schema schema, int[] declaredOids) {
        List<SqlType> types = new ArrayList<>();
        for (List<Expression> row : values.rows()) {
            for (int i = 0; i < row.size(); i++) {
                if (row.get(i) instanceof Parameter p) {
                    while (types.size() < p.index()) {
                        types.add(null);
                    }
                    if (types.get(p.index() - 1) == null) {
                        types.set(p.index() - 1, schema.column(targets.get(i)).type());
                    }
                }
            }
        }
        for (int i = 0; i < types.size(); i++) {
            SqlType declared =
                    i < declaredOids.length && declaredOids[i] != 0 ? PgTypes.sqlTypeOf(declaredOids[i]) : null;
            if (declared != null) {
                types.set(i, declared);
            } else if (types.get(i) == null) {
                types.set(i, SqlType.TEXT);
            }
        }
        return types;
    }

    /**
     * The value of a simple expression; typed literals stay text and are parsed by the column's
     * type; interval literals and casts of string literals are parsed by their own type.
     */
    static Object value(Expression e, Object[] parameters) {
        if (e instanceof NumberLiteral n) {
            return number(n.text());
        }
        if (e instanceof UnaryExpression u) {
            Object v = number(((NumberLiteral) u.operand()).text());
            if (!u.operator().equals("-")) {
                return v;
            }
            return v instanceof Long l ? Long.valueOf(-l) : ((BigDecimal) v).negate();
        }
        if (e instanceof StringLiteral s) {
            return s.value();
        }
        if (e instanceof BooleanLiteral b) {
            return b.value();
        }
        if (e instanceof TypedLiteral t) {
            return t.value();
        }
        if (e instanceof IntervalLiteral i) {
            String text = i.from() == null
                    ? i.value()
                    : i.value().trim() + " " + i.from().name().toLowerCase(Locale.ROOT);
            return atLiteral(e, () -> Interval.parse(text));
        }
        if (e instanceof Cast c) {
            return atLiteral(
                    e,
                    () -> ValueCoercer.coerce(
                            c.expression() instanceof StringLiteral s ? s.value() : null, castType(c), "the cast"));
        }
        if (e instanceof Parameter p) {
            return parameters[p.index() - 1];
        }
        return null;
    }

    /** A literal's bad value is reported at the literal, as PostgreSQL does. */
    private static Object atLiteral(Expression e, java.util.function.Supplier<Object> value) {
        try {
            return value.get();
        } catch (SluiceException ex) {
            throw ex.position().isPresent() ? ex : ex.withPosition(e.pos().pgPosition());
        }
    }

    private static Object number(String text) {
        if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0 && text.length() < 19) {
            return Long.parseLong(text);
        }
        return new BigDecimal(text);
    }
}
