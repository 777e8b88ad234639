package dev.sluice.sql.ast;

/** {@code DELETE FROM target [alias] [WHERE ...]}. */
public record Delete(SourcePos pos, QualifiedName target, String alias, Expression where) implements Statement {
    public Delete {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
