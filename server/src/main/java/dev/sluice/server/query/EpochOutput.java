package dev.sluice.server.query;

import dev.sluice.executor.stream.ChangeCollector;
import dev.sluice.server.storage.RowWriter;

/**
 * Where a persistent query task's rows go: collected during an epoch, appended inside the epoch's
 * checkpoint transaction, so readers see them exactly when the checkpoint commits.
 */
interface EpochOutput extends ChangeCollector {
    /** Rows collected since the last {@link #writeTo}. */
    int pendingRows();

    /** Appends the collected rows inside the producer's open transaction and forgets them. */
    void writeTo(RowWriter.TransactionalProducer producer);

    /** The topic the rows go to (what a reader waiting for them watches), or null for none. */
    String topic();
}
