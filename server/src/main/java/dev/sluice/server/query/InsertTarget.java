package dev.sluice.server.query;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.common.types.TypeKind;
import dev.sluice.planner.catalog.Relation;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the result columns of {@code INSERT INTO stream [(columns)] SELECT ... EMIT CHANGES} go: the
 * listed columns, or every column of the stream in order. The sink's catalog entry keeps the list in
 * its {@value #COLUMNS_PROPERTY} property, so a restart maps columns the same way.
 */
public final class InsertTarget {
    /** The sink property naming the target columns, comma-separated; absent: all of them. */
    public static final String COLUMNS_PROPERTY = "columns";

    private InsertTarget() {}

    /** The target column index of each result column of the sink's query. */
    static int[] columns(Relation stream, Relation sink) {
        String listed = sink.properties().get(COLUMNS_PROPERTY);
        List<Integer> out = new ArrayList<>();
        if (listed == null || listed.isEmpty()) {
            for (int i = 0; i < stream.schema().size(); i++) {
                out.add(i);
            }
        } else {
            for (String name : listed.split(",")) {
                out.add(stream.schema()
                        .indexOf(name)
                        .orElseThrow(() -> new IllegalStateException(
                                "column " + name + " of " + stream.name().displayName() + " is gone")));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Checks that the query's result fits the target columns: as many columns, and types an INSERT
     * converts without surprises (same kind, number to number, anything to text).
     *
     * @throws SluiceException 42601 for a count mismatch, 42804 for a type that does not fit
     */
    public static void check(Relation stream, int[] targets, List<Column> result, int position) {
        if (result.size() != targets.length) {
            throw new SluiceException(
                    SqlState.SYNTAX_ERROR,
                    "INSERT has " + (result.size() > targets.length ? "more" : "fewer")
                            + " expressions than target columns",
                    null,
                    null,
                    position,
                    null);
        }
        for (int i = 0; i < targets.length; i++) {
            Column target = stream.schema().column(targets[i]);
            SqlType from = result.get(i).type();
            if (!fits(from, target.type())) {
                throw new SluiceException(
                        SqlState.DATATYPE_MISMATCH,
                        "column \"" + target.name() + "\" is of type "
                                + target.type().pgDisplayName() + " but expression is of type " + from.pgDisplayName(),
                        null,
                        "You will need to rewrite or cast the expression.",
                        position,
                        null);
            }
        }
    }

    private static boolean fits(SqlType from, SqlType to) {
        TypeKind f = from.kind();
        TypeKind t = to.kind();
        if (f == t || t == TypeKind.TEXT || t == TypeKind.VARCHAR) {
            return true;
        }
        if (f.isNumeric() && t.isNumeric()) {
            return true;
        }
        return f.isTemporal() && t.isTemporal() && f != TypeKind.TIME && t != TypeKind.TIME;
    }
}
