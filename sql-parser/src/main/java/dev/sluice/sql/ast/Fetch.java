package dev.sluice.sql.ast;

import java.util.List;

/** {@code FETCH [FORWARD] [n|ALL] [FROM] cursor [WITH (timeout = ...)]}; {@code count} is null for ALL. */
public record Fetch(SourcePos pos, String cursor, Long count, List<Property> properties) implements Statement {
    public Fetch {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        properties = properties == null ? List.of() : List.copyOf(properties);
    }
}
