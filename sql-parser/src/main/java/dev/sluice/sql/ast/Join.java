package dev.sluice.sql.ast;

import java.util.List;

/** A join. {@code on} is set for ON, {@code using} for USING, neither for CROSS and NATURAL joins; {@code within} is the ksqlDB stream-stream time bound or null. */
public record Join(
        SourcePos pos,
        JoinType type,
        boolean natural,
        Relation left,
        Relation right,
        WithinBound within,
        Expression on,
        List<String> using)
        implements Relation {
    public Join {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        using = using == null ? List.of() : List.copyOf(using);
    }
}
