/**
 * The SQL parser: an ANTLR4 grammar of the whole Sluice dialect ({@code
 * src/main/antlr4/dev/sluice/sql/grammar/SluiceSql{Lexer,Parser}.g4}) producing an immutable AST with
 * source positions, a canonical formatter, and a lexer API for the shell.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link dev.sluice.sql.SqlParser#parseStatements(String)}: {@code ;}-separated statements →
 *       {@link dev.sluice.sql.ParsedStatement}s, each with its AST, own source text and offset (empty
 *       list for empty or comment-only input, which the server answers with EmptyQueryResponse);
 *       {@link dev.sluice.sql.SqlParser#parseStatement(String)} for exactly one statement; {@link
 *       dev.sluice.sql.SqlParser#parseExpression(String)}.
 *   <li>{@link dev.sluice.sql.SqlFormatter#format(dev.sluice.sql.ast.Statement)}: the canonical SQL the
 *       catalog stores and {@code SHOW CREATE} prints; {@code parse(format(ast)).equals(ast)}.
 *   <li>{@link dev.sluice.sql.SqlParseException}: SQLSTATE 42601 with PostgreSQL's 1-based position,
 *       line, column, offending token and a short expected list.
 *   <li>{@link dev.sluice.sql.lexer.SqlLexer}: tokens with categories and "is the input complete?".
 * </ul>
 *
 * <h2>Design choices</h2>
 *
 * <ul>
 *   <li>AST nodes are records in {@code dev.sluice.sql.ast}; the first component of each is its
 *       {@link dev.sluice.sql.ast.SourcePos}, whose equals is always true, so record equality ignores
 *       positions (same statement, any layout). See SourcePos for why.
 *   <li>Unquoted identifiers are folded to lower case in the AST builder; quoted ones keep their case.
 *       Spellings with the same meaning give equal ASTs: {@code x::int} and {@code CAST(x AS INTEGER)},
 *       {@code !=} and {@code <>}, {@code EMIT ON WINDOW CLOSE} and {@code EMIT FINAL}, legacy {@code
 *       COPY ... CSV HEADER} and {@code (FORMAT csv, HEADER)}.
 *   <li>Type names of SPEC §2 (and their PostgreSQL/ksqlDB synonyms) become {@code BuiltinType} with a
 *       {@code SqlType}; other names ({@code regclass}, {@code pg_catalog.text}) stay {@code NamedType}.
 *   <li>Two-stage parsing (SLL + bail, then LL), as ksqlDB's DefaultKsqlParser does; no ANTLR console
 *       output ever (listeners removed, errors become exceptions).
 *   <li>Golden tests live in {@code src/test/resources/golden}; regenerate with {@code mvn -o -pl
 *       sql-parser test -Dtest=GoldenTest -Dgolden.regenerate=true} (see the README there).
 * </ul>
 */
package dev.sluice.sql;
