package dev.sluice.logengine.embedded;

import dev.sluice.logengine.InvalidProducerEpochException;
import dev.sluice.logengine.ProducerIdentity;
import dev.sluice.logengine.storage.CheckpointFile;
import dev.sluice.logengine.storage.PartitionLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Producer ids, transactional ids and transaction completion for the embedded backend. State lives in
 * three checkpoint files (tmp -> fsync -> rename):
 *
 * <ul>
 *   <li>{@code producer-ids}: the end of the last reserved block of ids. Ids are handed out from blocks
 *       of {@value #BLOCK}; reserving a block is the only write, so a crash skips at most a block.
 *   <li>{@code transactional-ids}: {@code transactionalId producerId epoch} lines.
 *   <li>{@code pending-transactions}: {@code producerId epoch COMMIT|ABORT} lines: decisions written
 *       <em>before</em> any marker. On open, every pending decision is completed in all partitions that
 *       still hold an open transaction of that producer, so a crash between markers cannot tear a
 *       transaction.
 * </ul>
 *
 * Methods are synchronized: transaction control is rare next to appends.
 */
final class TransactionCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionCoordinator.class);
    static final int BLOCK = 1000;

    private final Path producerIdsFile;
    private final Path transactionalIdsFile;
    private final Path pendingFile;
    private long nextProducerId;
    private long reservedUpTo;
    private final Map<String, ProducerIdentity> transactionalIds = new HashMap<>();
    /** Told (producer id, committed?) once a transaction's markers are durable. */
    private final TransactionListener listener;

    /** Hears about ended transactions (the group offset store applies or drops their offsets). */
    interface TransactionListener {
        void ended(long producerId, boolean committed);
    }

    TransactionCoordinator(Path dataDir, TransactionListener listener) throws IOException {
        this.listener = listener;
        this.producerIdsFile = dataDir.resolve("producer-ids");
        this.transactionalIdsFile = dataDir.resolve("transactional-ids");
        this.pendingFile = dataDir.resolve("pending-transactions");
        List<String> ids = CheckpointFile.readLines(producerIdsFile);
        this.reservedUpTo = ids.isEmpty() ? 0 : Long.parseLong(ids.get(0).trim());
        this.nextProducerId = reservedUpTo; // never reuse ids of a block that may have been handed out
        for (String line : CheckpointFile.readLines(transactionalIdsFile)) {
            String[] f = line.split(" ");
            transactionalIds.put(f[0], new ProducerIdentity(Long.parseLong(f[1]), Short.parseShort(f[2])));
        }
    }

    /** Completes decisions a crash left half-applied. */
    synchronized void recover(Supplier<Collection<PartitionLog>> partitions) throws IOException {
        for (String line : CheckpointFile.readLines(pendingFile)) {
            String[] f = line.split(" ");
            ProducerIdentity p = new ProducerIdentity(Long.parseLong(f[0]), Short.parseShort(f[1]));
            boolean commit = f[2].equals("COMMIT");
            int n = writeMarkers(partitions.get(), p, commit);
            partitions.get().forEach(PartitionLog::flush);
            LOG.info("completed pending {} of producer {} in {} partition(s)", f[2], p.producerId(), n);
        }
        CheckpointFile.writeLines(pendingFile, List.of());
        abortLeftOpen(partitions.get());
    }

    /**
     * Every producer of the embedded log lives in this process, so a transaction still open at start-up
     * belongs to a process that died: nobody can commit it, and left open it would hold every
     * partition's last stable offset (and so every committed-only reader) back forever. Abort it, as
     * Kafka's coordinator does when a transaction times out.
     */
    private static void abortLeftOpen(Collection<PartitionLog> partitions) {
        int aborted = 0;
        for (PartitionLog log : partitions) {
            for (var e : log.openTransactions().entrySet()) {
                // One epoch up: the dead instance is fenced in this partition too, as initProducer does.
                short fencing = (short) Math.min(Short.MAX_VALUE, e.getValue() + 1);
                log.appendMarker(e.getKey(), fencing, false, 0);
                aborted++;
            }
        }
        if (aborted > 0) {
            partitions.forEach(PartitionLog::flush);
            LOG.info("aborted {} transaction(s) left open by the previous run", aborted);
        }
    }

    synchronized ProducerIdentity initProducer(String transactionalId, Supplier<Collection<PartitionLog>> partitions)
            throws IOException {
        if (transactionalId == null) {
            return new ProducerIdentity(allocateId(), (short) 0);
        }
        ProducerIdentity old = transactionalIds.get(transactionalId);
        ProducerIdentity next;
        if (old == null) {
            next = new ProducerIdentity(allocateId(), (short) 0);
        } else if (old.epoch() == Short.MAX_VALUE) {
            next = new ProducerIdentity(allocateId(), (short) 0);
        } else {
            next = new ProducerIdentity(old.producerId(), (short) (old.epoch() + 1));
        }
        if (old != null) {
            // The previous instance may have left a transaction open: abort it with the new epoch.
            ProducerIdentity fencing = old.producerId() == next.producerId() ? next : old;
            decide(partitions.get(), fencing, false);
        }
        transactionalIds.put(transactionalId, next);
        List<String> lines = new ArrayList<>();
        transactionalIds.forEach((id, p) -> lines.add(id + " " + p.producerId() + " " + p.epoch()));
        CheckpointFile.writeLines(transactionalIdsFile, lines);
        return next;
    }

    /** Writes the decision durably, then a marker to each partition with an open transaction. */
    synchronized List<PartitionLog> endTransaction(
            Collection<PartitionLog> partitions, ProducerIdentity producer, boolean commit) throws IOException {
        checkNotFenced(producer);
        return decide(partitions, producer, commit);
    }

    /** Throws if a newer instance of the producer's transactional id has fenced it. */
    synchronized void checkNotFenced(ProducerIdentity producer) {
        for (ProducerIdentity p : transactionalIds.values()) {
            if (p.producerId() == producer.producerId() && p.epoch() > producer.epoch()) {
                throw new InvalidProducerEpochException("producer " + producer.producerId() + " epoch "
                        + producer.epoch() + " was fenced by epoch " + p.epoch());
            }
        }
    }

    private List<PartitionLog> decide(Collection<PartitionLog> partitions, ProducerIdentity producer, boolean commit)
            throws IOException {
        List<PartitionLog> touched = new ArrayList<>();
        for (PartitionLog p : partitions) {
            if (p.openTransactionFirstOffset(producer.producerId()) >= 0) {
                touched.add(p);
            }
        }
        if (touched.isEmpty()) {
            return touched;
        }
        CheckpointFile.writeLines(
                pendingFile,
                List.of(producer.producerId() + " " + producer.epoch() + " " + (commit ? "COMMIT" : "ABORT")));
        writeMarkers(touched, producer, commit);
        for (PartitionLog p : touched) {
            p.flush(); // markers are durable before the decision is forgotten
        }
        CheckpointFile.writeLines(pendingFile, List.of());
        listener.ended(producer.producerId(), commit);
        return touched;
    }

    private static int writeMarkers(Collection<PartitionLog> partitions, ProducerIdentity p, boolean commit) {
        int n = 0;
        for (PartitionLog log : partitions) {
            if (log.openTransactionFirstOffset(p.producerId()) >= 0) {
                log.appendMarker(p.producerId(), p.epoch(), commit, 0);
                n++;
            }
        }
        return n;
    }

    private long allocateId() throws IOException {
        if (nextProducerId >= reservedUpTo) {
            reservedUpTo = nextProducerId + BLOCK;
            CheckpointFile.writeLines(producerIdsFile, List.of(String.valueOf(reservedUpTo)));
        }
        return nextProducerId++;
    }
}
