package dev.sluice.sql.ast;

/** {@code name = value} in WITH (...) or a COPY option; {@code value} is a literal or a bare word ({@link ColumnRef}), or null for a flag such as {@code HEADER}. */
public record Property(SourcePos pos, String name, Expression value) implements Node {
    public Property {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
