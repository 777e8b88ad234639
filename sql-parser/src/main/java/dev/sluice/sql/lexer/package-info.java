/**
 * The lexer API for the shell: {@link dev.sluice.sql.lexer.SqlLexer#tokenize} (categorised tokens
 * with offsets, for highlighting), {@link dev.sluice.sql.lexer.SqlLexer#completeness} (is the typed
 * input a finished statement?) and {@link dev.sluice.sql.lexer.SqlKeywords} (completion).
 */
package dev.sluice.sql.lexer;
