package dev.sluice.sql.ast;

import java.util.List;

/** {@code relation [AS] alias [(c1, ...)]}. */
public record AliasedRelation(SourcePos pos, Relation relation, String alias, List<String> columnAliases)
        implements Relation {
    public AliasedRelation {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        columnAliases = columnAliases == null ? List.of() : List.copyOf(columnAliases);
    }
}
