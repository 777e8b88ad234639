package dev.sluice.sql.ast;

import java.util.List;

/** {@code INSERT INTO target [(columns)] VALUES ... | query}; a query with EMIT CHANGES makes it a persistent insert. */
public record Insert(SourcePos pos, QualifiedName target, List<String> columns, Query query) implements Statement {
    public Insert {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
