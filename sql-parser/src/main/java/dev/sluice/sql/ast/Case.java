package dev.sluice.sql.ast;

import java.util.List;

/** {@code CASE [operand] WHEN ... THEN ... [ELSE ...] END}; {@code operand} is null for a searched CASE. */
public record Case(SourcePos pos, Expression operand, List<WhenClause> whenClauses, Expression elseValue)
        implements Expression {
    public Case {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        whenClauses = whenClauses == null ? List.of() : List.copyOf(whenClauses);
    }
}
