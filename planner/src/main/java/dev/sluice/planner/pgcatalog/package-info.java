/**
 * PostgreSQL's catalogs over Sluice's: what psql's {@code \d}, pgjdbc's {@code DatabaseMetaData},
 * Grafana and GUI tools query to discover streams, tables and views.
 *
 * <p>How it fits together:
 *
 * <ol>
 *   <li>{@link dev.sluice.planner.pgcatalog.SystemTables#addTo} adds three schemas to the Calcite
 *       root of every pull query: {@code pg_catalog}, {@code information_schema} and {@code
 *       sluice_catalog}. Their relations are {@link dev.sluice.planner.pgcatalog.SystemTable}s
 *       whose rows are computed when scanned, from a {@link
 *       dev.sluice.planner.pgcatalog.CatalogView} of the catalog snapshot the query was compiled
 *       against. Pull queries recompile when the catalog version moves, so a dropped table leaves
 *       {@code pg_class} at once; nothing about user objects is hard-coded.
 *   <li>Session and server state ({@code current_user}, settings, {@code pg_stat_activity}, the
 *       query manager's queries, topic offsets) come from the execution, never the compiled plan:
 *       each execution passes a {@link dev.sluice.planner.pgcatalog.SessionContext} through
 *       Calcite's {@code DataContext} (key {@link dev.sluice.planner.pgcatalog.PgRuntime#SESSION_KEY}),
 *       and the server implements {@link dev.sluice.planner.pgcatalog.SystemInfo}.
 *   <li>{@link dev.sluice.planner.pgcatalog.PgFunctions} is an operator table chained before
 *       Calcite's: every function is a user-defined function whose generated code calls {@link
 *       dev.sluice.planner.pgcatalog.PgFunctionsRuntime#call} with the {@code DataContext}. None is
 *       deterministic, so nothing session-dependent is folded into a cached plan.
 *   <li>The AST converter ({@code dev.sluice.planner.sql}) rewrites the PostgreSQL syntax clients
 *       use into plain SQL: {@code ::regclass} and friends into calls of {@code sluice_regclass},
 *       functions in FROM into UNNEST, {@code _pg_expandarray} into UNNEST WITH ORDINALITY, array
 *       literals {@code '{a,b}'} into ARRAY constructors.
 * </ol>
 *
 * <p>Why views are Java rather than SQL over {@code sluice_catalog} (as Materialize and RisingWave
 * define theirs): the pull-query compiler does not expand views, and computing rows straight from
 * the snapshot keeps each system table one scan. Both {@code pg_catalog} and {@code
 * sluice_catalog} read the same {@code CatalogView}, so they never disagree.
 *
 * <p>OIDs: user relations use {@code Relation.oid} (from 16384); system relations use PostgreSQL's
 * OIDs where it has them ({@code pg_class} 1259, ...); types use PostgreSQL's type OIDs
 * ({@link dev.sluice.common.types.TypeKind}); a relation's primary-key index and constraint get
 * OIDs derived from the relation's ({@link dev.sluice.planner.pgcatalog.CatalogView.Rel#indexOid}).
 * OID columns are {@code integer}.
 */
package dev.sluice.planner.pgcatalog;
