package dev.sluice.server.engine;

import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import dev.sluice.pgwire.types.PgTypes;
import dev.sluice.sql.ast.BooleanLiteral;
import dev.sluice.sql.ast.Expression;
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
                || (e instanceof UnaryExpression u
                        && (u.operator().equals("-") || u.operator().equals("+"))
                        && u.operand() instanceof NumberLiteral);
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

    /** The value of a simple expression; typed literals stay text and are parsed by the column's type. */
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
        if (e instanceof Parameter p) {
            return parameters[p.index() - 1];
        }
        return null;
    }

    private static Object number(String text) {
        if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0 && text.length() < 19) {
            return Long.parseLong(text);
        }
        return new BigDecimal(text);
    }
}
