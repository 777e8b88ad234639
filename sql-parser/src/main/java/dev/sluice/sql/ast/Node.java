package dev.sluice.sql.ast;

/**
 * A node of the immutable AST. Every node knows where it starts in the source text; positions do not
 * take part in equality (see {@link SourcePos}), so two ASTs are equal when they mean the same
 * statement, however it was spelled or laid out.
 */
public interface Node {
    SourcePos pos();
}
