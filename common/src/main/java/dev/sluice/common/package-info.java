/**
 * What every layer shares: the change kind of a row ({@link dev.sluice.common.RowKind}), the row itself
 * ({@link dev.sluice.common.Row}), the SQL type model with its PostgreSQL OIDs ({@link
 * dev.sluice.common.types}), and the one exception type that carries a SQLSTATE to the client ({@link
 * dev.sluice.common.SluiceException}).
 *
 * <p>This module has no dependencies beyond SLF4J so that the log engine, the parser and the wire
 * protocol can all use it without pulling each other in.
 */
package dev.sluice.common;
