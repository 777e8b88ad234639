package dev.sluice.common.types;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered list of columns with an optional key: the primary key of a table, the key column of a
 * stream, the group key of an aggregate's output.
 *
 * <p>Column names are unique. Lookup is by exact (already case-folded) name.
 */
public final class Schema {
    private final List<Column> columns;
    private final int[] keyIndexes;
    private final Map<String, Integer> indexByName;

    private Schema(List<Column> columns, int[] keyIndexes) {
        this.columns = List.copyOf(columns);
        this.keyIndexes = keyIndexes.clone();
        this.indexByName = new HashMap<>();
        for (int i = 0; i < this.columns.size(); i++) {
            if (indexByName.put(this.columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException(
                        "column \"" + this.columns.get(i).name() + "\" appears twice");
            }
        }
        boolean[] seen = new boolean[this.columns.size()];
        for (int k : this.keyIndexes) {
            if (k < 0 || k >= this.columns.size()) {
                throw new IllegalArgumentException("key index " + k + " is out of range");
            }
            if (seen[k]) {
                throw new IllegalArgumentException(
                        "key column \"" + this.columns.get(k).name() + "\" appears twice");
            }
            seen[k] = true;
        }
    }

    public static Schema of(List<Column> columns) {
        return new Schema(columns, new int[0]);
    }

    /** A schema whose key is the named columns, in the given order. */
    public static Schema withKey(List<Column> columns, List<String> keyNames) {
        Schema plain = of(columns);
        int[] keys = new int[keyNames.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = plain.indexOf(keyNames.get(i))
                    .orElseThrow(() -> new IllegalArgumentException("key column does not exist"));
        }
        return new Schema(columns, keys);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Column> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    public Column column(int index) {
        return columns.get(index);
    }

    public Optional<Integer> indexOf(String name) {
        return Optional.ofNullable(indexByName.get(name));
    }

    public Optional<Column> column(String name) {
        return indexOf(name).map(columns::get);
    }

    public boolean hasKey() {
        return keyIndexes.length > 0;
    }

    /** Indexes of the key columns, in key order (a copy). */
    public int[] keyIndexes() {
        return keyIndexes.clone();
    }

    public List<Column> keyColumns() {
        List<Column> result = new ArrayList<>(keyIndexes.length);
        for (int k : keyIndexes) {
            result.add(columns.get(k));
        }
        return result;
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema other
                && columns.equals(other.columns)
                && java.util.Arrays.equals(keyIndexes, other.keyIndexes);
    }

    @Override
    public int hashCode() {
        return columns.hashCode() * 31 + java.util.Arrays.hashCode(keyIndexes);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Column c = columns.get(i);
            sb.append(c.name()).append(' ').append(c.type().toSql());
            if (!c.nullable()) {
                sb.append(" NOT NULL");
            }
        }
        if (hasKey()) {
            sb.append(", KEY (")
                    .append(String.join(
                            ", ", keyColumns().stream().map(Column::name).toList()))
                    .append(')');
        }
        return sb.append(')').toString();
    }

    /** Builds a schema column by column. */
    public static final class Builder {
        private final List<Column> columns = new ArrayList<>();
        private final List<String> key = new ArrayList<>();

        public Builder column(String name, SqlType type) {
            columns.add(Column.of(name, type));
            return this;
        }

        public Builder column(Column column) {
            columns.add(column);
            return this;
        }

        public Builder key(String... names) {
            key.addAll(List.of(names));
            return this;
        }

        public Schema build() {
            return key.isEmpty() ? Schema.of(columns) : Schema.withKey(columns, key);
        }
    }
}
