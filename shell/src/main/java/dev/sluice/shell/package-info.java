/**
 * The Sluice shell: a JLine shell over pgjdbc that uses the parser's lexer for highlighting, completion and statement completeness.
 */
package dev.sluice.shell;
