package dev.sluice.server.engine;

import dev.sluice.common.Row;
import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.pgwire.engine.ExecutionContext;
import dev.sluice.pgwire.engine.Result;
import dev.sluice.pgwire.engine.RowSource;
import dev.sluice.pgwire.engine.StatementKind;
import dev.sluice.sql.ast.BooleanLiteral;
import dev.sluice.sql.ast.ColumnRef;
import dev.sluice.sql.ast.Expression;
import dev.sluice.sql.ast.NumberLiteral;
import dev.sluice.sql.ast.ResetVariable;
import dev.sluice.sql.ast.SetVariable;
import dev.sluice.sql.ast.ShowVariable;
import dev.sluice.sql.ast.StringLiteral;
import dev.sluice.sql.ast.TransactionControl;
import dev.sluice.sql.ast.UnaryExpression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Session commands clients send on their own: SET, SHOW, RESET, and transaction control, which
 * Sluice accepts for compatibility (every statement commits on its own, as in autocommit mode).
 */
final class SessionPlans {
    /** The settings clients read and write, with their defaults ({@code RESET} and {@code SHOW ALL}). */
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("application_name", "");
        DEFAULTS.put("client_encoding", "UTF8");
        DEFAULTS.put("client_min_messages", "notice");
        DEFAULTS.put("datestyle", "ISO, MDY");
        DEFAULTS.put("default_transaction_isolation", "read committed");
        DEFAULTS.put("extra_float_digits", "1");
        DEFAULTS.put("intervalstyle", "postgres");
        DEFAULTS.put("search_path", "\"$user\", public");
        DEFAULTS.put("server_encoding", "UTF8");
        DEFAULTS.put("standard_conforming_strings", "on");
        DEFAULTS.put("statement_timeout", "0");
        DEFAULTS.put(dev.sluice.server.query.QueryManager.PARALLELISM_SETTING, "0");
        DEFAULTS.put("timezone", "UTC");
        DEFAULTS.put("transaction_isolation", "read committed");
    }

    private SessionPlans() {}

    static StatementPlan command(String tag, StatementKind kind) {
        return new StatementPlan() {
            @Override
            public StatementKind kind() {
                return kind;
            }

            @Override
            public Result execute(SessionState session, Object[] parameters, ExecutionContext context) {
                return new Result.Command(tag);
            }
        };
    }

    static StatementPlan transaction(TransactionControl t) {
        return switch (t.kind()) {
            case BEGIN -> command("BEGIN", StatementKind.BEGIN);
            case COMMIT -> command("COMMIT", StatementKind.COMMIT);
            case ROLLBACK -> command("ROLLBACK", StatementKind.ROLLBACK);
        };
    }

    static StatementPlan set(SetVariable s) {
        String name = s.name().toLowerCase(Locale.ROOT);
        String value;
        if (s.values().isEmpty()) {
            value = DEFAULTS.get(name);
        } else {
            List<String> parts = new ArrayList<>();
            for (Expression e : s.values()) {
                parts.add(valueText(e));
            }
            value = String.join(", ", parts);
        }
        String finalValue = value == null ? "" : value;
        if (name.equals(dev.sluice.server.query.QueryManager.PARALLELISM_SETTING)) {
            dev.sluice.server.query.QueryManager.parallelism(finalValue); // refuse a bad value at SET
        }
        return (session, parameters, context) -> {
            context.setParameter(name, finalValue);
            return new Result.Command("SET");
        };
    }

    static StatementPlan reset(ResetVariable r) {
        // RESET ALL parses to a null name.
        String name = r.name() == null ? "all" : r.name().toLowerCase(Locale.ROOT);
        return (session, parameters, context) -> {
            if (name.equals("all")) {
                DEFAULTS.forEach(context::setParameter);
            } else {
                context.setParameter(name, DEFAULTS.getOrDefault(name, ""));
            }
            return new Result.Command("RESET");
        };
    }

    static StatementPlan show(ShowVariable s) {
        String name = s.name().toLowerCase(Locale.ROOT);
        if (name.equals("all")) {
            List<Column> columns = List.of(
                    Column.of("name", SqlType.TEXT),
                    Column.of("setting", SqlType.TEXT),
                    Column.of("description", SqlType.TEXT));
            return rows(columns, context -> {
                List<Row> rows = new ArrayList<>();
                for (String n : DEFAULTS.keySet()) {
                    String v = context.parameter(n);
                    rows.add(Row.of(n, v == null ? DEFAULTS.get(n) : v, ""));
                }
                return rows;
            });
        }
        // SHOW names its column with the parameter's canonical spelling, as PostgreSQL does.
        String column =
                switch (name) {
                    case "timezone" -> "TimeZone";
                    case "datestyle" -> "DateStyle";
                    case "intervalstyle" -> "IntervalStyle";
                    default -> name;
                };
        return rows(List.of(Column.of(column, SqlType.TEXT)), context -> {
            String v = context.parameter(name);
            if (v == null) {
                v = DEFAULTS.get(name);
            }
            if (v == null) {
                throw new SluiceException(
                        SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + s.name() + "\"");
            }
            return List.of(Row.of(v));
        });
    }

    interface RowProducer {
        List<Row> rows(ExecutionContext context);
    }

    static StatementPlan rows(List<Column> columns, RowProducer producer) {
        return new StatementPlan() {
            @Override
            public List<Column> resultColumns() {
                return columns;
            }

            @Override
            public Result execute(SessionState session, Object[] parameters, ExecutionContext context) {
                return Result.Rows.finite(columns, RowSource.of(producer.rows(context)));
            }
        };
    }

    /** SET takes names, strings, numbers and booleans; PostgreSQL keeps them as text. */
    private static String valueText(Expression e) {
        if (e instanceof StringLiteral s) {
            return s.value();
        }
        if (e instanceof NumberLiteral n) {
            return n.text();
        }
        if (e instanceof BooleanLiteral b) {
            return b.value() ? "on" : "off";
        }
        if (e instanceof ColumnRef c) {
            return String.join(".", c.parts());
        }
        if (e instanceof UnaryExpression u && u.operator().equals("-") && u.operand() instanceof NumberLiteral n) {
            return "-" + n.text();
        }
        throw new SluiceException(SqlState.INVALID_PARAMETER_VALUE, "SET takes a name, a string or a number");
    }
}
