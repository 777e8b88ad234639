package dev.sluice.pgwire.fake;

import dev.sluice.common.Row;
import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.Interval;
import dev.sluice.common.types.SqlType;
import dev.sluice.pgwire.engine.CopyOptions;
import dev.sluice.pgwire.engine.CopySink;
import dev.sluice.pgwire.engine.EngineSession;
import dev.sluice.pgwire.engine.ExecutionContext;
import dev.sluice.pgwire.engine.PreparedStatementInfo;
import dev.sluice.pgwire.engine.Result;
import dev.sluice.pgwire.engine.RowSource;
import dev.sluice.pgwire.engine.SessionInfo;
import dev.sluice.pgwire.engine.StatementKind;
import dev.sluice.pgwire.types.PgTypes;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** The statements {@link FakeEngine} understands; everything else is a 42601 at position 1. */
final class FakeSession implements EngineSession {
    static final List<Column> TABLE = List.of(Column.of("id", SqlType.INT), Column.of("name", SqlType.TEXT));
    static final List<Column> TICKS = List.of(Column.of("op", SqlType.TEXT), Column.of("n", SqlType.BIGINT));
    static final List<Column> FIREHOSE =
            List.of(Column.of("op", SqlType.TEXT), Column.of("n", SqlType.BIGINT), Column.of("payload", SqlType.TEXT));

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern INSERT = Pattern.compile("\\s*INSERT INTO (\\w+) VALUES\\s*(.*)", FLAGS);
    private static final Pattern TUPLE = Pattern.compile("\\(([^)]*)\\)");
    private static final Pattern SELECT_TABLE = Pattern.compile("\\s*SELECT \\* FROM (\\w+)\\s*", FLAGS);
    private static final Pattern COUNT = Pattern.compile("\\s*SELECT count\\(\\*\\) FROM (\\w+)\\s*", FLAGS);
    private static final Pattern PUSH =
            Pattern.compile("\\s*(?:SELECT \\* FROM (\\w+) EMIT CHANGES|SUBSCRIBE (?:TO )?(\\w+))\\s*", FLAGS);
    private static final Pattern SELECT_PARAMS =
            Pattern.compile("\\s*SELECT (\\$\\d+(?:\\s*,\\s*\\$\\d+)*)\\s*", FLAGS);
    private static final Pattern SELECT_INT = Pattern.compile("\\s*SELECT (-?\\d+)\\s*", FLAGS);
    private static final Pattern SERIES = Pattern.compile("\\s*SELECT generate_series\\(1,\\s*(\\d+)\\)\\s*", FLAGS);
    private static final Pattern SLEEP = Pattern.compile("\\s*SELECT pg_sleep\\((\\d+)\\)\\s*", FLAGS);
    private static final Pattern SET =
            Pattern.compile("\\s*SET (?:SESSION )?(\\w+)\\s*(?:=|TO)\\s*'?([^']*)'?\\s*", FLAGS);
    private static final Pattern SHOW = Pattern.compile("\\s*SHOW (\\w+)\\s*", FLAGS);
    private static final Pattern CREATE = Pattern.compile("\\s*CREATE (TABLE|STREAM) (\\w+).*", FLAGS);
    private static final Pattern COPY_IN = Pattern.compile("\\s*COPY (\\w+)(?:\\s*\\([^)]*\\))? FROM STDIN(.*)", FLAGS);
    private static final Pattern COPY_OUT = Pattern.compile("\\s*COPY \\((.*)\\) TO STDOUT(.*)", FLAGS);
    private static final Pattern DECLARE = Pattern.compile(
            "\\s*DECLARE \"?(\\w+)\"? (?:NO SCROLL )?CURSOR (?:WITHOUT HOLD |WITH HOLD )?FOR (.*)", FLAGS);
    private static final Pattern FETCH = Pattern.compile(
            "\\s*FETCH (?:FORWARD )?(\\d+|ALL)?\\s*(?:FROM |IN )?\"?(\\w+)\"?(?:\\s+WITH \\(timeout = '(\\d+)(ms|s)'\\))?\\s*",
            FLAGS);
    private static final Pattern CANCEL_BACKEND =
            Pattern.compile("\\s*SELECT pg_cancel_backend\\((\\d+)\\)\\s*", FLAGS);
    private static final Pattern CLOSE = Pattern.compile("\\s*CLOSE \"?(\\w+)\"?\\s*", FLAGS);

    private final FakeEngine engine;
    private volatile boolean cancelled;
    private volatile Thread executing;

    FakeSession(FakeEngine engine, SessionInfo info) {
        this.engine = engine;
    }

    /** A prepared fake statement: its execution is a closure over the matched text. */
    private record Plan(BiFunction<Object[], ExecutionContext, Result> run) {}

    private static PreparedStatementInfo info(
            StatementKind kind,
            List<SqlType> params,
            List<Column> columns,
            BiFunction<Object[], ExecutionContext, Result> run) {
        return new PreparedStatementInfo(kind, params, columns, new Plan(run));
    }

    @Override
    public PreparedStatementInfo prepare(String sql, int[] oids) {
        String t = sql.trim().replaceAll("\\s+", " ");
        String upper = t.toUpperCase(Locale.ROOT);
        if (t.isEmpty() || t.startsWith("--")) {
            return info(StatementKind.EMPTY, List.of(), List.of(), (p, c) -> null);
        }
        if (upper.equals("BEGIN") || upper.equals("START TRANSACTION")) {
            return info(StatementKind.BEGIN, List.of(), List.of(), (p, c) -> new Result.Command("BEGIN"));
        }
        if (upper.equals("COMMIT") || upper.equals("END")) {
            return info(StatementKind.COMMIT, List.of(), List.of(), (p, c) -> new Result.Command("COMMIT"));
        }
        if (upper.equals("ROLLBACK") || upper.equals("ABORT")) {
            return info(StatementKind.ROLLBACK, List.of(), List.of(), (p, c) -> new Result.Command("ROLLBACK"));
        }
        Matcher m;
        if (t.contains("pg_type") && t.contains("is_array")) {
            List<Column> cols = List.of(
                    Column.of("is_array", SqlType.BOOLEAN), Column.of("typtype", SqlType.TEXT),
                    Column.of("typname", SqlType.TEXT), Column.of("oid", SqlType.BIGINT));
            return info(
                    StatementKind.QUERY,
                    List.of(SqlType.BIGINT),
                    cols,
                    (p, c) -> Result.Rows.finite(
                            cols,
                            RowSource.of(
                                    ((Number) p[0]).intValue() == 1186
                                            ? List.of(Row.of(false, "b", "interval", 1186L))
                                            : List.of())));
        }
        if (t.contains("pg_type") && t.contains("nspname")) {
            // pgjdbc's TypeInfoCache lookup of an OID it does not know built in (interval)
            List<Column> cols = List.of(
                    Column.of("?column?", SqlType.BOOLEAN),
                    Column.of("nspname", SqlType.TEXT),
                    Column.of("typname", SqlType.TEXT));
            return info(
                    StatementKind.QUERY,
                    List.of(SqlType.BIGINT),
                    cols,
                    (p, c) -> Result.Rows.finite(
                            cols,
                            RowSource.of(
                                    ((Number) p[0]).intValue() == 1186
                                            ? List.of(Row.of(true, "pg_catalog", "interval"))
                                            : List.of())));
        }
        if (upper.equals("SELECT NPE")) {
            throw new NullPointerException("a bug in the engine");
        }
        if ((m = SET.matcher(t)).matches()) {
            String name = m.group(1);
            String value = m.group(2).trim();
            return info(StatementKind.OTHER, List.of(), List.of(), (p, c) -> {
                c.setParameter(name, value);
                return new Result.Command("SET");
            });
        }
        if ((m = SHOW.matcher(t)).matches()) {
            String name = m.group(1);
            List<Column> cols = List.of(Column.of(name.toLowerCase(Locale.ROOT), SqlType.TEXT));
            return info(
                    StatementKind.QUERY,
                    List.of(),
                    cols,
                    (p, c) -> new Result.Rows(cols, RowSource.of(List.of(Row.of(c.parameter(name)))), false, "SHOW"));
        }
        if ((m = CREATE.matcher(t)).matches()) {
            String kind = m.group(1).toUpperCase(Locale.ROOT);
            String name = m.group(2).toLowerCase(Locale.ROOT);
            return info(StatementKind.OTHER, List.of(), List.of(), (p, c) -> {
                engine.table(name);
                return new Result.Command("CREATE " + kind);
            });
        }
        if ((m = INSERT.matcher(t)).matches()) {
            return insert(m.group(1).toLowerCase(Locale.ROOT), m.group(2), oids);
        }
        if ((m = PUSH.matcher(t)).matches()) {
            String name = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
            List<Column> cols = name.equals("firehose") ? FIREHOSE : TICKS;
            return info(StatementKind.QUERY, List.of(), cols, (p, c) -> Result.Rows.unbounded(cols, pushSource(name)));
        }
        if ((m = COUNT.matcher(t)).matches()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            List<Column> cols = List.of(Column.of("count", SqlType.BIGINT));
            return info(
                    StatementKind.QUERY,
                    List.of(),
                    cols,
                    (p, c) -> Result.Rows.finite(cols, RowSource.of(List.of(Row.of((long)
                            existing(name, t).size())))));
        }
        if ((m = SELECT_TABLE.matcher(t)).matches()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (name.equals("types")) {
                return info(
                        StatementKind.QUERY,
                        List.of(),
                        TypesRow.COLUMNS,
                        (p, c) -> Result.Rows.finite(TypesRow.COLUMNS, RowSource.of(List.of(TypesRow.ROW))));
            }
            existing(name, t);
            return info(
                    StatementKind.QUERY,
                    List.of(),
                    TABLE,
                    (p, c) -> Result.Rows.finite(TABLE, RowSource.of(List.copyOf(existing(name, t)))));
        }
        if ((m = SELECT_PARAMS.matcher(t)).matches()) {
            int n = m.group(1).split(",").length;
            List<SqlType> types = new ArrayList<>();
            List<Column> cols = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SqlType type = i < oids.length ? PgTypes.sqlTypeOf(oids[i]) : null;
                types.add(type == null ? SqlType.TEXT : type);
                cols.add(Column.of("p" + (i + 1), types.get(i)));
            }
            return info(
                    StatementKind.QUERY,
                    types,
                    cols,
                    (p, c) -> Result.Rows.finite(cols, RowSource.of(List.of(Row.of(p)))));
        }
        if ((m = SELECT_INT.matcher(t)).matches()) {
            int v = Integer.parseInt(m.group(1));
            List<Column> cols = List.of(Column.of("?column?", SqlType.INT));
            return info(
                    StatementKind.QUERY,
                    List.of(),
                    cols,
                    (p, c) -> Result.Rows.finite(cols, RowSource.of(List.of(Row.of(v)))));
        }
        if ((m = SERIES.matcher(t)).matches()) {
            int n = Integer.parseInt(m.group(1));
            List<Column> cols = List.of(Column.of("generate_series", SqlType.INT));
            return info(
                    StatementKind.QUERY,
                    List.of(),
                    cols,
                    (p, c) -> Result.Rows.finite(
                            cols,
                            RowSource.fromIterator(IntStream.rangeClosed(1, n)
                                    .mapToObj(i -> Row.of(i))
                                    .iterator())));
        }
        if ((m = CANCEL_BACKEND.matcher(t)).matches()) {
            int pid = Integer.parseInt(m.group(1));
            List<Column> cols = List.of(Column.of("pg_cancel_backend", SqlType.BOOLEAN));
            return info(
                    StatementKind.QUERY,
                    List.of(),
                    cols,
                    (p, c) -> Result.Rows.finite(cols, RowSource.of(List.of(Row.of(c.cancelBackend(pid))))));
        }
        if ((m = SLEEP.matcher(t)).matches()) {
            long seconds = Long.parseLong(m.group(1));
            List<Column> cols = List.of(Column.of("pg_sleep", SqlType.TEXT));
            return info(StatementKind.QUERY, List.of(), cols, (p, c) -> sleep(seconds, cols, c));
        }
        if ((m = COPY_IN.matcher(t)).matches()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            CopyOptions options = copyOptions(m.group(2));
            return info(
                    StatementKind.OTHER,
                    List.of(),
                    List.of(),
                    (p, c) -> new Result.CopyIn(TABLE, options, new TableSink(engine, engine.table(name))));
        }
        if ((m = COPY_OUT.matcher(t)).matches()) {
            PreparedStatementInfo inner = prepare(m.group(1), new int[0]);
            CopyOptions options = copyOptions(m.group(2));
            return info(StatementKind.OTHER, List.of(), List.of(), (p, c) -> {
                Result.Rows rows = (Result.Rows) execute(inner, new Object[0], c);
                return new Result.CopyOut(rows.columns(), rows.source(), options);
            });
        }
        if ((m = DECLARE.matcher(t)).matches()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            PreparedStatementInfo inner = prepare(m.group(2), new int[0]);
            return info(
                    StatementKind.OTHER,
                    List.of(),
                    List.of(),
                    (p, c) -> new Result.DeclareCursor(name, (Result.Rows) execute(inner, new Object[0], c)));
        }
        if ((m = FETCH.matcher(t)).matches()) {
            String count = m.group(1);
            long n = count == null ? 1 : count.equalsIgnoreCase("ALL") ? Long.MAX_VALUE : Long.parseLong(count);
            String name = m.group(2).toLowerCase(Locale.ROOT);
            Duration timeout = m.group(3) == null
                    ? null
                    : m.group(4).equalsIgnoreCase("ms")
                            ? Duration.ofMillis(Long.parseLong(m.group(3)))
                            : Duration.ofSeconds(Long.parseLong(m.group(3)));
            BiFunction<Object[], ExecutionContext, Result> run = (p, c) -> new Result.Fetch(name, n, timeout);
            return PreparedStatementInfo.fetch(name, new Plan(run));
        }
        if ((m = CLOSE.matcher(t)).matches()) {
            String name = m.group(1).equalsIgnoreCase("ALL") ? null : m.group(1).toLowerCase(Locale.ROOT);
            return info(StatementKind.OTHER, List.of(), List.of(), (p, c) -> new Result.CloseCursor(name));
        }
        int lead = sql.length() - sql.stripLeading().length();
        String word = t.split("\\s+")[0];
        throw new SluiceException(
                SqlState.SYNTAX_ERROR, "syntax error at or near \"" + word + "\"", null, null, lead + 1, null);
    }

    private List<Row> existing(String name, String sql) {
        List<Row> rows = engine.tables.get(name);
        if (rows == null) {
            int pos = sql.toLowerCase(Locale.ROOT).indexOf(name) + 1;
            throw new SluiceException(
                    SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist", null, null, pos, null);
        }
        return rows;
    }

    private RowSource pushSource(String name) {
        return switch (name) {
            case "ticks" -> new TickSource(engine.timers, engine.tickMillis, engine.openSources);
            case "firehose" -> new FirehoseSource(engine.openSources, engine.firehoseRows);
            case "stall" -> new TickSource(engine.timers, 3_600_000, engine.openSources);
            default -> throw new SluiceException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        };
    }

    private PreparedStatementInfo insert(String table, String valuesText, int[] oids) {
        Matcher tm = TUPLE.matcher(valuesText);
        List<String[]> tuples = new ArrayList<>();
        int params = 0;
        while (tm.find()) {
            String[] vals = tm.group(1).split(",");
            for (int i = 0; i < vals.length; i++) {
                vals[i] = vals[i].trim();
                if (vals[i].startsWith("$")) {
                    params = Math.max(params, Integer.parseInt(vals[i].substring(1)));
                }
            }
            tuples.add(vals);
        }
        SqlType[] paramTypes = new SqlType[params];
        for (String[] tuple : tuples) {
            for (int i = 0; i < tuple.length && i < 2; i++) {
                if (tuple[i].startsWith("$")) {
                    paramTypes[Integer.parseInt(tuple[i].substring(1)) - 1] =
                            TABLE.get(i).type().kind() == SqlType.INT.kind() ? SqlType.INT : SqlType.TEXT;
                }
            }
        }
        return info(StatementKind.OTHER, List.of(paramTypes), List.of(), (p, c) -> {
            List<Row> rows = new ArrayList<>();
            for (String[] tuple : tuples) {
                Object[] values = new Object[2];
                for (int i = 0; i < 2 && i < tuple.length; i++) {
                    values[i] = literal(tuple[i], p, i);
                }
                rows.add(Row.of(values));
            }
            if (c.mayDeferWrites()) { // like the real engine: written together at completeDeferredWrites
                if (!deferred.isEmpty()
                        && !deferred.get(deferred.size() - 1).getKey().equals(table)) {
                    completeDeferredWrites(); // and, like it, one table at a time
                }
                deferred.add(Map.entry(table, rows));
            } else {
                completeDeferredWrites();
                engine.table(table).addAll(rows);
            }
            return new Result.Command("INSERT 0 " + rows.size());
        });
    }

    @Override
    public boolean hasDeferredWrites() {
        return !deferred.isEmpty();
    }

    private long completions;

    @Override
    public long deferredWriteCompletions() {
        return completions;
    }

    /** INSERTs acknowledged in a pipeline, written at {@link #completeDeferredWrites}. */
    private final List<Map.Entry<String, List<Row>>> deferred = new ArrayList<>();

    @Override
    public void completeDeferredWrites() {
        if (deferred.isEmpty()) {
            return;
        }
        List<Map.Entry<String, List<Row>>> pending = new ArrayList<>(deferred);
        deferred.clear();
        int rows = 0;
        for (Map.Entry<String, List<Row>> e : pending) {
            if (e.getKey().equals("unwritable")) {
                throw new dev.sluice.pgwire.engine.DeferredWriteException(
                        new SluiceException(SqlState.IO_ERROR, "could not write table unwritable"));
            }
            engine.table(e.getKey()).addAll(e.getValue());
            rows += e.getValue().size();
        }
        engine.deferredWrites.add(rows);
        completions++;
    }

    private static Object literal(String text, Object[] params, int column) {
        if (text.startsWith("$")) {
            return params[Integer.parseInt(text.substring(1)) - 1];
        }
        if (text.equalsIgnoreCase("NULL")) {
            return null;
        }
        if (text.startsWith("'")) {
            return text.substring(1, text.length() - 1).replace("''", "'");
        }
        return column == 0 ? (Object) Integer.parseInt(text) : text;
    }

    private static CopyOptions copyOptions(String text) {
        String o = text == null ? "" : text.toLowerCase(Locale.ROOT);
        CopyOptions options = o.contains("csv") ? CopyOptions.CSV : CopyOptions.TEXT;
        if (o.contains("header")) {
            options = options.withHeader(true);
        }
        if (o.contains("binary")) {
            options = new CopyOptions(CopyOptions.Format.BINARY, ',', "", false, '"', '"');
        }
        return options;
    }

    private Result sleep(long seconds, List<Column> cols, ExecutionContext ctx) {
        executing = Thread.currentThread();
        try {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                if (cancelled || ctx.isCancelled()) {
                    throw new SluiceException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SluiceException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
                }
            }
            return Result.Rows.finite(cols, RowSource.of(List.of(Row.of(""))));
        } finally {
            executing = null;
            cancelled = false;
        }
    }

    @Override
    public Result execute(PreparedStatementInfo statement, Object[] parameters, ExecutionContext context) {
        if (statement.kind() == StatementKind.QUERY) {
            completeDeferredWrites(); // like the real engine: reads see the pipeline's writes
        }
        return ((Plan) statement.handle()).run().apply(parameters, context);
    }

    @Override
    public void cancel() {
        engine.cancels.incrementAndGet();
        if (executing != null) {
            cancelled = true;
        }
    }

    @Override
    public void close() {
        deferred.clear();
        engine.openSessions.decrementAndGet();
    }

    /** Appends copied rows to a table, counting batches. */
    private static final class TableSink implements CopySink {
        private final FakeEngine engine;
        private final List<Row> table;
        private final List<Row> pending = new ArrayList<>();

        TableSink(FakeEngine engine, List<Row> table) {
            this.engine = engine;
            this.table = table;
        }

        @Override
        public void write(List<Row> batch) {
            engine.copyBatches.incrementAndGet();
            pending.addAll(batch);
        }

        @Override
        public long finish() {
            table.addAll(pending);
            engine.copiedRows.addAndGet(pending.size());
            return pending.size();
        }

        @Override
        public void abort(Throwable cause) {
            pending.clear();
        }
    }

    /** One row holding a value of every SPEC type. */
    static final class TypesRow {
        static final List<Column> COLUMNS = List.of(
                Column.of("b", SqlType.BOOLEAN),
                Column.of("i2", SqlType.SMALLINT),
                Column.of("i4", SqlType.INT),
                Column.of("i8", SqlType.BIGINT),
                Column.of("f4", SqlType.REAL),
                Column.of("f8", SqlType.DOUBLE),
                Column.of("dec", SqlType.decimal(10, 3)),
                Column.of("vc", SqlType.varchar(20)),
                Column.of("txt", SqlType.TEXT),
                Column.of("bin", SqlType.BYTEA),
                Column.of("d", SqlType.DATE),
                Column.of("t", SqlType.TIME),
                Column.of("ts", SqlType.TIMESTAMP),
                Column.of("tstz", SqlType.TIMESTAMPTZ),
                Column.of("iv", SqlType.INTERVAL),
                Column.of("arr", SqlType.array(SqlType.INT)),
                Column.of("js", SqlType.JSONB));
        static final Row ROW = Row.of(
                true,
                (short) 12,
                1234,
                1234567890123L,
                1.5f,
                0.1,
                new BigDecimal("12345.678"),
                "héllo",
                "tab\there",
                new byte[] {1, 2, (byte) 0xff},
                LocalDate.of(2026, 11, 22),
                LocalTime.of(10, 11, 12, 345_000_000),
                LocalDateTime.of(2026, 11, 22, 10, 11, 12, 123_456_000),
                Instant.parse("2026-11-22T10:11:12.5Z"),
                new Interval(14, 3, 3_723_000_000L),
                java.util.Arrays.asList(1, null, 3),
                "{\"a\": 1}");
    }
}
