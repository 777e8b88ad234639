package dev.sluice.planner.calcite;

import dev.sluice.common.types.SqlType;
import java.util.List;

/** The columns every relation has besides its own: where and when each row entered the log. */
public enum PseudoColumn {
    ROWTIME("rowtime", SqlType.TIMESTAMP),
    ROWPARTITION("rowpartition", SqlType.INT),
    ROWOFFSET("rowoffset", SqlType.BIGINT);

    public static final List<PseudoColumn> ALL = List.of(values());

    private final String columnName;
    private final SqlType type;

    PseudoColumn(String columnName, SqlType type) {
        this.columnName = columnName;
        this.type = type;
    }

    public String columnName() {
        return columnName;
    }

    public SqlType type() {
        return type;
    }

    public static boolean isPseudoColumn(String name) {
        for (PseudoColumn c : ALL) {
            if (c.columnName.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
