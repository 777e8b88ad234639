package dev.sluice.sql.ast;

/** A named stream, table, view or catalog relation. */
public record Table(SourcePos pos, QualifiedName name) implements Relation {
    public Table {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
