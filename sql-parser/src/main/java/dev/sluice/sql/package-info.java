/**
 * The SQL parser: an ANTLR4 grammar of the whole Sluice dialect, producing an immutable AST with source positions, and a lexer API for the shell.
 */
package dev.sluice.sql;
