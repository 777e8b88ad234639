package dev.sluice.sql.ast;

import java.util.List;

/** {@code SET TRANSACTION modes} or {@code SET SESSION CHARACTERISTICS AS TRANSACTION modes}; modes in canonical spelling such as {@code READ ONLY}. */
public record SetTransaction(SourcePos pos, boolean sessionCharacteristics, List<String> modes) implements Statement {
    public SetTransaction {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        modes = modes == null ? List.of() : List.copyOf(modes);
    }
}
