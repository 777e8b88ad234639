/**
 * Kafka's v2 record batch format: {@link dev.sluice.logengine.record.RecordBatch} (the layout is in its
 * javadoc), {@link dev.sluice.logengine.record.RecordBatchBuilder}, varints, and transaction markers.
 * Uncompressed only for now.
 */
package dev.sluice.logengine.record;
