package dev.sluice.sql.ast;

import java.util.List;

/** One common table expression of a {@link With}. */
public record NamedQuery(SourcePos pos, String name, List<String> columns, Query query) implements Node {
    public NamedQuery {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
