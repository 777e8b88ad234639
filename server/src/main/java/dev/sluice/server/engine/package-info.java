/**
 * The Sluice engine behind the PostgreSQL protocol: {@link dev.sluice.server.engine.SluiceEngine}
 * implements pg-wire's {@code Engine}, and each connection gets a {@link
 * dev.sluice.server.engine.SluiceSession}.
 *
 * <p>A statement goes: text → Sluice AST ({@code SqlParser}) → a {@link
 * dev.sluice.server.engine.StatementPlan} made once at Parse time (parameter types and result
 * columns are known then, as the extended protocol needs) → {@code execute} with bound parameters,
 * as often as the client runs it. Plans come from {@link dev.sluice.server.engine.StatementPlanner},
 * which dispatches on the statement's kind to the planners for DDL, DML, queries and session
 * commands; a statement kind with no planner fails with 0A000 naming it.
 */
package dev.sluice.server.engine;
