package dev.sluice.sql.ast;

import java.util.List;

/** {@code UPDATE target [alias] SET ... [WHERE ...]}. */
public record Update(SourcePos pos, QualifiedName target, String alias, List<Assignment> assignments, Expression where)
        implements Statement {
    public Update {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        assignments = assignments == null ? List.of() : List.copyOf(assignments);
    }
}
