package dev.sluice.planner.stream;

import dev.sluice.executor.stream.AggregateCall;
import dev.sluice.planner.catalog.Relation;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexProgram;

/**
 * A node of the executable streaming plan: what {@link StreamPlanner} translates the STREAM
 * convention's physical rels ({@code dev.sluice.planner.stream.rel}) into once their changelog modes
 * are inferred, as Flink's planner turns physical rels into an ExecNode graph. Records, not rels:
 * they carry what the executor needs (compiled expressions, executor aggregate calls, the relation
 * read) and nothing a planner rewrites. Each node knows the changelog mode it emits (as the
 * changelog-mode pass inferred it) and the state it keeps; {@link Pipeline#build} turns a tree into
 * executor operators.
 */
public sealed interface StreamNode {

    RelDataType rowType();

    ChangelogMode mode();

    List<StreamNode> inputs();

    /** One line for EXPLAIN: the operator and its arguments. */
    String describe();

    /** The state the operator keeps, for EXPLAIN; empty when stateless. */
    default String state() {
        return "";
    }

    /** Reads a stream, table or view from the log: its columns, then the pseudo-columns. */
    record Source(Relation relation, RelDataType rowType, ChangelogMode mode) implements StreamNode {
        @Override
        public List<StreamNode> inputs() {
            return List.of();
        }

        @Override
        public String describe() {
            return "StreamSource(" + relation.name().displayName() + ", "
                    + relation.kind().sqlName().toLowerCase()
                    + (relation.kind().hasTopic()
                            ? ", topic=" + relation.topic()
                            : ", connector=" + relation.properties().get("connector"))
                    + ")";
        }
    }

    /** Turns an upsert changelog into a retract changelog by remembering the last row per key. */
    record Normalize(StreamNode input, int[] key, ChangelogMode mode) implements StreamNode {
        @Override
        public RelDataType rowType() {
            return input.rowType();
        }

        @Override
        public List<StreamNode> inputs() {
            return List.of(input);
        }

        @Override
        public String describe() {
            return "StreamChangelogNormalize(key=" + fieldNames(rowType(), key) + ")";
        }

        @Override
        public String state() {
            return "last row per key";
        }
    }

    /** Filter and projection; rewrites update pairs whose predicate flips. */
    record Calc(StreamNode input, RexProgram program, ExpressionCompiler.Compiled compiled, ChangelogMode mode)
            implements StreamNode {
        @Override
        public RelDataType rowType() {
            return program.getOutputRowType();
        }

        @Override
        public List<StreamNode> inputs() {
            return List.of(input);
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("StreamCalc(");
            if (program.getCondition() != null) {
                sb.append("where=")
                        .append(program.expandLocalRef(program.getCondition()))
                        .append(", ");
            }
            List<String> names = program.getOutputRowType().getFieldNames();
            sb.append("select=[");
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                String expr =
                        program.expandLocalRef(program.getProjectList().get(i)).toString();
                sb.append(expr);
                if (!expr.equals(names.get(i))) {
                    sb.append(" AS ").append(names.get(i));
                }
            }
            return sb.append("])").toString();
        }
    }

    /**
     * GROUP BY with aggregates; without aggregates it is DISTINCT (SELECT DISTINCT, UNION) and EXPLAIN
     * says so.
     */
    record GroupAggregate(
            StreamNode input,
            int[] groupKey,
            List<AggregateCall> calls,
            List<String> callText,
            RelDataType rowType,
            ChangelogMode mode)
            implements StreamNode {

        @Override
        public List<StreamNode> inputs() {
            return List.of(input);
        }

        @Override
        public String describe() {
            return "StreamGroupAggregate(group=" + fieldNames(input.rowType(), groupKey)
                    + (callText.isEmpty() ? ", distinct" : ", aggregates=" + callText)
                    + ")";
        }

        @Override
        public String state() {
            boolean retracting = input.mode() != ChangelogMode.INSERT_ONLY;
            return "accumulators and row count per group" + (retracting ? ", values kept for retraction" : "");
        }
    }

    /**
     * The local half of a two-phase aggregate, below an exchange: one partial row per group and input
     * batch (see {@code LocalAggregateOperator}); its rows have the aggregate's row type. Only plans
     * split at an exchange get one ({@link StreamPlan#withLocalAggregate}).
     */
    record LocalAggregate(
            StreamNode input, int[] groupKey, List<AggregateCall> calls, List<String> callText, RelDataType rowType)
            implements StreamNode {
        @Override
        public ChangelogMode mode() {
            return ChangelogMode.INSERT_ONLY;
        }

        @Override
        public List<StreamNode> inputs() {
            return List.of(input);
        }

        @Override
        public String describe() {
            return "StreamLocalAggregate(group=" + fieldNames(input.rowType(), groupKey)
                    + (callText.isEmpty() ? ", distinct" : ", partials=" + callText)
                    + ")";
        }

        @Override
        public String state() {
            return "partials per group until the end of each input batch";
        }
    }

    /**
     * Exchange by key: every change of a row goes to the task that owns the hash of its key columns,
     * so the stateful operator above sees all changes of a key in one place and in order. An empty
     * key sends everything to one task. Inside one task it passes changes through; a query split into
     * tasks runs it as an internal repartition topic (server, {@code QueryTasks}).
     */
    record Exchange(StreamNode input, int[] keys, ChangelogMode mode) implements StreamNode {
        @Override
        public RelDataType rowType() {
            return input.rowType();
        }

        @Override
        public List<StreamNode> inputs() {
            return List.of(input);
        }

        @Override
        public String describe() {
            return "StreamExchange(" + (keys.length == 0 ? "single" : "hash=" + fieldNames(input.rowType(), keys))
                    + ")";
        }
    }

    /** UNION ALL: every input's changes, unchanged. */
    record Union(List<StreamNode> inputs, RelDataType rowType, ChangelogMode mode) implements StreamNode {
        @Override
        public String describe() {
            return "StreamUnionAll";
        }
    }

    private static String fieldNames(RelDataType type, int[] indexes) {
        List<String> names = type.getFieldNames();
        return Arrays.toString(Arrays.stream(indexes).mapToObj(names::get).toArray());
    }
}
