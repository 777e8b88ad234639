package dev.sluice.sql.ast;

/** A numeric literal, kept as written so that no precision is lost before the planner picks a type. */
public record NumberLiteral(SourcePos pos, String text) implements Literal {
    public NumberLiteral {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
