package dev.sluice.sql.ast;

import java.util.List;

/** {@code WITH [RECURSIVE] name AS (query), ...}. */
public record With(SourcePos pos, boolean recursive, List<NamedQuery> queries) implements Node {
    public With {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        queries = queries == null ? List.of() : List.copyOf(queries);
    }
}
