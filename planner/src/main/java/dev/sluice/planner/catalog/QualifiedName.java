package dev.sluice.planner.catalog;

import java.util.Objects;

/**
 * A schema-qualified object name, already case-folded (unquoted identifiers are lower case, quoted
 * ones keep their case, as in PostgreSQL).
 */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {
    public static final String DEFAULT_SCHEMA = "public";

    public QualifiedName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        if (schema.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("names must not be empty");
        }
    }

    public static QualifiedName of(String name) {
        return new QualifiedName(DEFAULT_SCHEMA, name);
    }

    @Override
    public int compareTo(QualifiedName o) {
        int c = schema.compareTo(o.schema);
        return c != 0 ? c : name.compareTo(o.name);
    }

    /** {@code schema.name}, quoting parts that would not survive case folding. */
    @Override
    public String toString() {
        return quoteIfNeeded(schema) + "." + quoteIfNeeded(name);
    }

    /** The name as users wrote it: without the default schema. */
    public String displayName() {
        return schema.equals(DEFAULT_SCHEMA) ? quoteIfNeeded(name) : toString();
    }

    static String quoteIfNeeded(String identifier) {
        boolean plain =
                !identifier.isEmpty() && (Character.isLowerCase(identifier.charAt(0)) || identifier.charAt(0) == '_');
        for (int i = 0; plain && i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }
        return plain ? identifier : '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
