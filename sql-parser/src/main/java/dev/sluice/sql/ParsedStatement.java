package dev.sluice.sql;

import dev.sluice.sql.ast.SourcePos;
import dev.sluice.sql.ast.Statement;

/**
 * One statement of a multi-statement string (psql sends {@code a; b; c} in one Query message).
 *
 * @param statement the AST
 * @param text the statement's own source text, without the separating semicolon or surrounding
 *     whitespace and comments
 * @param offset 0-based character offset of {@code text} in the whole input
 * @param pos where the statement starts (line and column)
 */
public record ParsedStatement(Statement statement, String text, int offset, SourcePos pos) {}
