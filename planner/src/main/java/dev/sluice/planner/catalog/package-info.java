/**
 * Sluice's catalog: what streams, tables and materialized views exist, with their columns, keys,
 * topics and the canonical SQL that created them.
 *
 * <p>The catalog is a log of {@link dev.sluice.planner.catalog.CatalogChange}s, keyed by object
 * name, stored in the internal compacted topic {@code __sluice_catalog} (by the server's {@code
 * CatalogStore}) and replayed at start-up: the latest change per key wins and a removal is a
 * tombstone, so compaction never changes what a replay yields. {@link
 * dev.sluice.planner.catalog.Catalog} applies changes to immutable {@link
 * dev.sluice.planner.catalog.CatalogSnapshot}s, so readers (planning, pg_catalog) never see a half
 * applied DDL.
 *
 * <p>DDL atomicity: the server first creates what a statement needs (topics), then appends the
 * catalog change as the single commit point. A crash before the append leaves only an unreferenced
 * topic, which start-up removes; a crash after it leaves a complete object.
 */
package dev.sluice.planner.catalog;
