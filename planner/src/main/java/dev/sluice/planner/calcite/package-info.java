/**
 * The bridge between Sluice and Apache Calcite for queries over snapshots (pull queries).
 *
 * <p>Flow: a Calcite {@code SqlNode} (built from Sluice's AST) is validated by {@link
 * dev.sluice.planner.calcite.SluiceValidator} against {@link dev.sluice.planner.calcite.SluiceSchema}
 * (the catalog as a Calcite schema), converted to a {@code RelNode}, optimized into Calcite's
 * Enumerable convention and compiled once into a {@code Bindable}; executing it binds parameter
 * values and reads rows through a {@link dev.sluice.planner.calcite.RelationReader} (table state,
 * stream logs). {@link dev.sluice.planner.calcite.PullQueryCompiler} drives this.
 *
 * <p>Values: Sluice rows carry the Java values documented in {@link
 * dev.sluice.common.types.SqlType}; Calcite's generated code works on its internal representations
 * (DATE as days, TIMESTAMP as epoch milliseconds, VARBINARY as {@code ByteString}, ...). {@link
 * dev.sluice.planner.calcite.CalciteValues} converts at the edges. Known loss: Calcite's runtime keeps
 * TIME and TIMESTAMP to the millisecond, so microseconds do not survive a pull query (even one that
 * only reads them); INTERVAL is a day-time interval in milliseconds (a month counts as 30 days) and
 * reads back as days and a time below 24 hours. See {@code docs/types.md}.
 *
 * <p>Pseudo-columns {@code rowtime}, {@code rowpartition} and {@code rowoffset} are real columns of
 * every relation's Calcite row type, hidden from {@code SELECT *} by the validator.
 */
package dev.sluice.planner.calcite;
