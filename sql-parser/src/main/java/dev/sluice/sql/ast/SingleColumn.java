package dev.sluice.sql.ast;

/** {@code expression [AS alias]}; {@code alias} is null when absent. */
public record SingleColumn(SourcePos pos, Expression expression, String alias) implements SelectItem {
    public SingleColumn {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
