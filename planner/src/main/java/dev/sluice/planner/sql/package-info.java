/**
 * Sluice's AST ({@code dev.sluice.sql.ast}) to Calcite {@code SqlNode}s, with accurate {@code
 * SqlParserPos}s so validation errors point at the right place in the statement.
 *
 * <p>The conversion is a whitelist: every AST node it knows becomes the equivalent Calcite node;
 * anything else fails with 0A000 naming the feature and its position, before Calcite sees it.
 */
package dev.sluice.planner.sql;
