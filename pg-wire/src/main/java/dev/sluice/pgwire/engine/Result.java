package dev.sluice.pgwire.engine;

import dev.sluice.common.types.Column;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link EngineSession#execute}: one of a closed set of shapes, each mapped to a
 * fixed sequence of protocol messages by pg-wire.
 */
public sealed interface Result
        permits Result.Command,
                Result.Rows,
                Result.CopyIn,
                Result.CopyOut,
                Result.DeclareCursor,
                Result.Fetch,
                Result.CloseCursor {

    /**
     * A statement without rows; the client receives {@code CommandComplete tag}.
     *
     * @param tag e.g. {@code INSERT 0 3}, {@code CREATE STREAM}, {@code SET}, {@code BEGIN}
     */
    record Command(String tag) implements Result {
        public Command {
            Objects.requireNonNull(tag, "tag");
        }
    }

    /**
     * Rows: a pull query (finite) or a push query (unbounded, {@code EMIT CHANGES}/SUBSCRIBE).
     *
     * <p>For an unbounded source pg-wire streams rows as they come, and an Execute with a row limit
     * waits for at least one row before PortalSuspended (pgjdbc ends the result set on an empty
     * batch); it ends only when the source ends, fails, or the client cancels or disconnects.
     *
     * @param columns the row layout (RowDescription); must match the prepared statement's columns
     * @param source the rows
     * @param unbounded true for a push query
     * @param tag the CommandComplete tag, or null for {@code SELECT <rows sent>}
     */
    record Rows(List<Column> columns, RowSource source, boolean unbounded, String tag) implements Result {
        public Rows {
            columns = List.copyOf(columns);
            Objects.requireNonNull(source, "source");
        }

        public static Rows finite(List<Column> columns, RowSource source) {
            return new Rows(columns, source, false, null);
        }

        public static Rows unbounded(List<Column> columns, RowSource source) {
            return new Rows(columns, source, true, null);
        }
    }

    /**
     * {@code COPY t FROM STDIN}: pg-wire sends CopyInResponse, decodes the client's CopyData in the
     * given format into rows of {@code columns}' types and hands them to {@code sink} in batches.
     *
     * @param columns the target columns, in the order the data carries them
     */
    record CopyIn(List<Column> columns, CopyOptions options, CopySink sink) implements Result {
        public CopyIn {
            columns = List.copyOf(columns);
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(sink, "sink");
        }
    }

    /**
     * {@code COPY (query) TO STDOUT}: CopyOutResponse, one CopyData per row in the given format, then
     * CopyDone and {@code COPY n}. With an unbounded source this never ends until cancel — psql
     * prints each row as it arrives.
     */
    record CopyOut(List<Column> columns, RowSource source, CopyOptions options) implements Result {
        public CopyOut {
            columns = List.copyOf(columns);
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(options, "options");
        }
    }

    /**
     * {@code DECLARE name CURSOR FOR query}: pg-wire keeps the cursor (name → rows) until {@code
     * CLOSE}, the end of the transaction, or the session.
     */
    record DeclareCursor(String name, Rows rows) implements Result {
        public DeclareCursor {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(rows, "rows");
        }
    }

    /**
     * {@code FETCH [FORWARD] count [FROM] name [WITH (timeout = '1s')]}: pg-wire sends up to {@code
     * count} rows of the cursor and {@code FETCH k}. On an unbounded cursor it waits for at least
     * one row, or until the timeout (then possibly 0 rows).
     *
     * @param count rows wanted; {@link Long#MAX_VALUE} for ALL
     * @param timeout null to wait for the first row without limit
     */
    record Fetch(String name, long count, Duration timeout) implements Result {
        public Fetch {
            Objects.requireNonNull(name, "name");
            if (count < 0) {
                throw new IllegalArgumentException("count must be >= 0: " + count);
            }
        }
    }

    /** {@code CLOSE name} or {@code CLOSE ALL} (name null). */
    record CloseCursor(String name) implements Result {}
}
