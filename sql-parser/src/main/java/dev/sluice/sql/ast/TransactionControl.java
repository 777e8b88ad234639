package dev.sluice.sql.ast;

import java.util.List;

/** {@code BEGIN|START TRANSACTION [modes]}, {@code COMMIT|END}, {@code ROLLBACK|ABORT}; accepted for client compatibility. */
public record TransactionControl(SourcePos pos, TransactionKind kind, List<String> modes) implements Statement {
    public TransactionControl {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        modes = modes == null ? List.of() : List.copyOf(modes);
    }
}
