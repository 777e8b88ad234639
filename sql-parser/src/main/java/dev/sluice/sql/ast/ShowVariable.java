package dev.sluice.sql.ast;

/** {@code SHOW name} (a setting, lower case, words joined by a space, e.g. {@code transaction isolation level}); {@code SHOW ALL} has name {@code all}. */
public record ShowVariable(SourcePos pos, String name) implements Statement {
    public ShowVariable {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
