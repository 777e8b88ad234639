package dev.sluice.bench.wire;

import dev.sluice.common.Row;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.pgwire.engine.CopyOptions;
import dev.sluice.pgwire.engine.CopySink;
import dev.sluice.pgwire.engine.Engine;
import dev.sluice.pgwire.engine.EngineSession;
import dev.sluice.pgwire.engine.ExecutionContext;
import dev.sluice.pgwire.engine.PreparedStatementInfo;
import dev.sluice.pgwire.engine.Result;
import dev.sluice.pgwire.engine.RowSource;
import dev.sluice.pgwire.engine.SessionInfo;
import dev.sluice.pgwire.engine.StatementKind;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An engine that does nothing, so the benchmark measures the protocol alone: {@code SELECT 1}
 * answers one INT row, {@code COPY ... FROM STDIN} counts rows of {@code (id BIGINT, payload TEXT)}.
 */
final class TrivialEngine implements Engine {
    static final List<Column> ONE = List.of(Column.of("?column?", SqlType.INT));
    static final List<Column> COPY_COLUMNS =
            List.of(Column.of("id", SqlType.BIGINT), Column.of("payload", SqlType.TEXT));

    final AtomicLong copied = new AtomicLong();

    @Override
    public EngineSession openSession(SessionInfo info) {
        return new EngineSession() {
            @Override
            public PreparedStatementInfo prepare(String sql, int[] oids) {
                boolean copy = sql.regionMatches(true, 0, "COPY", 0, 4);
                return new PreparedStatementInfo(StatementKind.OTHER, List.of(), copy ? List.of() : ONE, copy);
            }

            @Override
            public Result execute(PreparedStatementInfo statement, Object[] parameters, ExecutionContext context) {
                if ((Boolean) statement.handle()) {
                    return new Result.CopyIn(COPY_COLUMNS, CopyOptions.TEXT, new CopySink() {
                        private long n;

                        @Override
                        public void write(List<Row> batch) {
                            n += batch.size();
                        }

                        @Override
                        public long finish() {
                            copied.addAndGet(n);
                            return n;
                        }

                        @Override
                        public void abort(Throwable cause) {}
                    });
                }
                return Result.Rows.finite(ONE, RowSource.of(List.of(Row.of(1))));
            }

            @Override
            public void cancel() {}

            @Override
            public void close() {}
        };
    }
}
