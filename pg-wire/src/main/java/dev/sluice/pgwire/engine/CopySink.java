package dev.sluice.pgwire.engine;

import dev.sluice.common.Row;
import java.time.ZoneId;
import java.util.List;

/**
 * Where {@code COPY ... FROM STDIN} rows go. pg-wire calls {@link #write} with batches of decoded
 * rows as CopyData arrives, then exactly one of {@link #finish} (CopyDone) or {@link #abort}
 * (CopyFail, bad data, cancel, disconnect). Called on a worker thread; {@link #write} may block to
 * push back on a fast client (pg-wire stops reading the socket meanwhile).
 */
public interface CopySink {
    /**
     * Accepts a batch (at most a few thousand rows).
     *
     * @throws dev.sluice.common.SluiceException to fail the COPY (e.g. a value the table rejects)
     */
    void write(List<Row> batch);

    /**
     * For text and csv COPY: a sink that takes parsed records instead of decoded rows, or null (the
     * default) to get rows through {@link #write}. Asked once, before the first record; when it
     * returns one, every record goes to it and {@link #write} is not called.
     *
     * @param zone the session's TimeZone, for timestamptz fields
     */
    default CopyRecordSink recordSink(ZoneId zone) {
        return null;
    }

    /**
     * All data arrived: make it durable. Returns the row count for {@code COPY n}.
     *
     * @throws dev.sluice.common.SluiceException to fail the COPY
     */
    long finish();

    /** The COPY failed; drop what {@link #write} received (SPEC §4.5: a failed statement changes nothing). */
    void abort(Throwable cause);
}
