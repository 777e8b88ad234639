package dev.sluice.executor.stream;

import dev.sluice.common.RowKind;
import dev.sluice.common.types.SqlType;
import java.util.List;
import java.util.Random;

/**
 * A JMH-free micro loop: rows/s of the operators on pre-built Nexmark-bid-like rows ({@code auction
 * BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, ts TIMESTAMP}) into a blackhole, flushing every
 * {@code BATCH} rows as the task loop does. Prints rows per wall second and per process CPU second
 * (GC and JIT threads included; the steadier figure on a shared machine). Not a unit test; run with
 * {@code java -cp <test classpath> dev.sluice.executor.stream.OperatorThroughput [rows] [keys]}.
 */
public final class OperatorThroughput {
    static final int BATCH = 1024;
    static long sink;

    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        only = args.length > 2 ? args[2] : "";
        Object[][] input = new Object[1 << 20][];
        Random random = new Random(1);
        String[] channels = {"Google", "Facebook", "Baidu", "Apple"};
        for (int i = 0; i < input.length; i++) {
            input[i] = new Object[] {
                (long) random.nextInt(keys),
                random.nextLong(1_000_000),
                (long) random.nextInt(100_000),
                channels[random.nextInt(4)],
                1_700_000_000_000L + i
            };
        }
        ChangeCollector blackhole = (kind, row) -> sink += row.length;
        for (int round = 0; round < 3; round++) {
            measure(
                    "calc q1 (projection price*0.908)",
                    rows,
                    input,
                    new CalcOperator(
                            null, r -> new Object[] {r[0], r[1], (long) ((Long) r[2] * 0.908), r[4]}, blackhole));
            measure(
                    "calc q2 (auction % 123 = 0, project)",
                    rows,
                    input,
                    new CalcOperator(r -> (Long) r[0] % 123 == 0, r -> new Object[] {r[0], r[2]}, blackhole));
            measure(
                    "count per key (insert-only)",
                    rows,
                    input,
                    new GroupAggregateOperator(
                            new int[] {0},
                            List.of(AggregateCall.of(AggFunction.COUNT, SqlType.BIGINT)),
                            true,
                            blackhole));
            measure(
                    "count+sum per key (retract-capable)",
                    rows,
                    input,
                    new GroupAggregateOperator(
                            new int[] {0},
                            List.of(
                                    AggregateCall.of(AggFunction.COUNT, SqlType.BIGINT),
                                    AggregateCall.of(AggFunction.SUM, SqlType.BIGINT, 2)),
                            false,
                            blackhole));
            measure(
                    "max per key (insert-only)",
                    rows,
                    input,
                    new GroupAggregateOperator(
                            new int[] {0},
                            List.of(AggregateCall.of(AggFunction.MAX, SqlType.BIGINT, 2)),
                            true,
                            blackhole));
            measure(
                    "max per key (retract-capable: all values)",
                    rows,
                    input,
                    new GroupAggregateOperator(
                            new int[] {0},
                            List.of(AggregateCall.of(AggFunction.MAX, SqlType.BIGINT, 2)),
                            false,
                            blackhole));
            measure(
                    "count per (auction, channel)",
                    rows,
                    input,
                    new GroupAggregateOperator(
                            new int[] {0, 3},
                            List.of(AggregateCall.of(AggFunction.COUNT, SqlType.BIGINT)),
                            true,
                            blackhole));
        }
        System.out.println("(blackhole " + sink + ")");
    }

    static String only = "";

    static void measure(String name, long rows, Object[][] input, StreamOperator op) {
        if (!name.contains(only)) {
            return;
        }
        int mask = input.length - 1;
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (long i = 0; i < rows; i++) {
            op.collect(RowKind.INSERT, input[(int) i & mask]);
            if ((i & (BATCH - 1)) == BATCH - 1) {
                op.flush();
            }
        }
        op.flush();
        long nanos = System.nanoTime() - start;
        long cpu = os.getProcessCpuTime() - cpuStart;
        System.out.printf("%-42s %6.2f M rows/s wall %6.2f M rows/CPU-s%n", name, rows * 1e3 / nanos, rows * 1e3 / cpu);
    }
}
