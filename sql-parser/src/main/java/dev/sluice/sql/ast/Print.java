package dev.sluice.sql.ast;

/** {@code PRINT topic [FROM BEGINNING] [LIMIT n]}; {@code limit} is null when absent. */
public record Print(SourcePos pos, String topic, boolean fromBeginning, Long limit) implements Statement {
    public Print {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
