package dev.sluice.planner.sql;

import dev.sluice.sql.ast.TableFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Functions in FROM, as catalog queries use them ({@code generate_series(1, n) AS s(r)}, {@code
 * unnest(arr) x}, Grafana's {@code string_to_array(...) s}):
 *
 * <ul>
 *   <li>{@code unnest(a)} is Calcite's UNNEST;
 *   <li>{@code generate_series(a, b [, step])} is the UNNEST of the integer array {@code
 *       sluice_series(a, b, step)};
 *   <li>any other (scalar) function is one row with one column: {@code (SELECT f(...))}.
 * </ul>
 *
 * <p>As in PostgreSQL, the single column is named by the column alias, else by the table alias.
 */
final class TableFunctions {
    private TableFunctions() {}

    static SqlNode convert(
            TableFunction f,
            String alias,
            List<String> columnAliases,
            ExpressionConverter expressions,
            SqlParserPos pos) {
        String name = f.call().name().last().toLowerCase(Locale.ROOT);
        if (f.call().name().parts().size() > 1
                && !f.call().name().parts().get(0).equals("pg_catalog")) {
            throw Positions.unsupported("function " + f.call().name() + " in FROM", f);
        }
        String column = columnAliases.isEmpty() ? alias : columnAliases.get(0);
        List<SqlNode> args = expressions.convertAll(f.call().arguments());
        SqlNode source;
        switch (name) {
            case "unnest" -> source = SqlStdOperatorTable.UNNEST.createCall(pos, args);
            case "generate_series" ->
                source = SqlStdOperatorTable.UNNEST.createCall(
                        pos, PgCasts.call("sluice_series", pos, args.toArray(new SqlNode[0])));
            case "pg_get_keywords" -> {
                // A set-returning function with a fixed result: the system table of that name.
                return SqlStdOperatorTable.AS.createCall(
                        pos,
                        new SqlIdentifier(List.of("pg_catalog", "pg_get_keywords"), pos),
                        new SqlIdentifier(alias, pos));
            }
            case "tumble", "hop", "session" ->
                throw Positions.unsupported(
                        "the window function " + name.toUpperCase(Locale.ROOT)
                                + " in a query that is not continuous (add EMIT CHANGES)",
                        f);
            default -> {
                SqlNode call = expressions.convert(f.call());
                SqlNodeList select =
                        SqlNodeList.of(SqlStdOperatorTable.AS.createCall(pos, call, new SqlIdentifier(column, pos)));
                source = new SqlSelect(pos, null, select, null, null, null, null, null, null, null, null, null, null);
                return SqlStdOperatorTable.AS.createCall(pos, source, new SqlIdentifier(alias, pos));
            }
        }
        List<SqlNode> operands = new ArrayList<>();
        operands.add(source);
        operands.add(new SqlIdentifier(alias, pos));
        operands.add(new SqlIdentifier(column, pos));
        for (int i = 1; i < columnAliases.size(); i++) {
            operands.add(new SqlIdentifier(columnAliases.get(i), pos));
        }
        return SqlStdOperatorTable.AS.createCall(pos, operands);
    }
}
