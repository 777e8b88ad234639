package dev.sluice.sql.ast;

import java.util.List;

/** The {@code OVER (PARTITION BY ... ORDER BY ... frame)} of a window function; {@code frame} is null when absent. */
public record WindowSpec(SourcePos pos, List<Expression> partitionBy, List<SortItem> orderBy, WindowFrame frame)
        implements Node {
    public WindowSpec {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        partitionBy = partitionBy == null ? List.of() : List.copyOf(partitionBy);
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
    }
}
