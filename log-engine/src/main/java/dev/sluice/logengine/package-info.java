/**
 * The log engine: topics, partitions, segments, indexes, retention, compaction, producer ids and consumer offsets. Knows nothing of SQL: bytes in, bytes out.
 */
package dev.sluice.logengine;
