package dev.sluice.pgwire.engine;

import dev.sluice.pgwire.copy.CopyRecord;

/**
 * The fast path of a {@link CopySink} for text and csv COPY (see {@link CopySink#recordSink}):
 * pg-wire hands over each parsed record as it is, and the engine decodes and encodes its fields
 * itself, with no {@link dev.sluice.common.Row} in between. pg-wire has checked the field count.
 */
public interface CopyRecordSink {
    /**
     * Accepts one record; its fields are valid only during the call. May block to push back on a
     * fast client, like {@link CopySink#write}.
     *
     * @throws dev.sluice.common.SluiceException to fail the COPY (a value the column rejects)
     */
    void write(CopyRecord record);
}
