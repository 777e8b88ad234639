package dev.sluice.sql.ast;

/** {@code *} or {@code t.*}; {@code qualifier} is null for a bare star. */
public record AllColumns(SourcePos pos, QualifiedName qualifier) implements SelectItem {
    public AllColumns {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
