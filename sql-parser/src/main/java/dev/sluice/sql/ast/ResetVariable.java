package dev.sluice.sql.ast;

/** {@code RESET name}; {@code name} is null for RESET ALL. */
public record ResetVariable(SourcePos pos, String name) implements Statement {
    public ResetVariable {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
