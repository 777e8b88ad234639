package dev.sluice.sql.ast;

import java.util.List;

/** A dotted name such as {@code pg_catalog.pg_class}; each part already case-folded (unquoted) or kept (quoted). */
public record QualifiedName(SourcePos pos, List<String> parts) implements Node {
    public QualifiedName {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a name needs at least one part");
        }
    }

    public static QualifiedName of(String... parts) {
        return new QualifiedName(SourcePos.UNKNOWN, List.of(parts));
    }

    /** The last part: the object's own name without schema. */
    public String last() {
        return parts.get(parts.size() - 1);
    }

    /** The parts joined by dots, unquoted (for messages and catalog keys). */
    @Override
    public String toString() {
        return String.join(".", parts);
    }
}
