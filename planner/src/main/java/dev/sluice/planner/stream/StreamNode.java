package dev.sluice.planner.stream;

import dev.sluice.executor.stream.AggregateCall;
import dev.sluice.planner.catalog.Relation;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexProgram;

/**
 * A node of a streaming physical plan: what {@link StreamPlanner} makes of a logical {@code RelNode}
 * tree. Each node knows the changelog mode it emits ({@link ChangelogMode}) and the state it keeps;
 * {@link Pipeline#build} turns a tree into executor operators.
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
    record Source(Relation relation, RelDataType rowType) implements StreamNode {
        @Override
        public ChangelogMode mode() {
            return relation.kind().isKeyed() ? ChangelogMode.UPSERT : ChangelogMode.INSERT_ONLY;
        }

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
    record Normalize(StreamNode input, int[] key) implements StreamNode {
        @Override
        public RelDataType rowType() {
            return input.rowType();
        }

        @Override
        public ChangelogMode mode() {
            return ChangelogMode.RETRACT;
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
    record Calc(StreamNode input, RexProgram program, ExpressionCompiler.Compiled compiled) implements StreamNode {
        @Override
        public RelDataType rowType() {
            return program.getOutputRowType();
        }

        @Override
        public ChangelogMode mode() {
            return input.mode();
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

    /** GROUP BY with aggregates (also DISTINCT: a group key of every column and no aggregates). */
    record GroupAggregate(
            StreamNode input, int[] groupKey, List<AggregateCall> calls, List<String> callText, RelDataType rowType)
            implements StreamNode {
        @Override
        public ChangelogMode mode() {
            return ChangelogMode.RETRACT;
        }

        @Override
        public List<StreamNode> inputs() {
            return List.of(input);
        }

        @Override
        public String describe() {
            return "StreamGroupAggregate(group=" + fieldNames(input.rowType(), groupKey)
                    + (callText.isEmpty() ? "" : ", aggregates=" + callText)
                    + ")";
        }

        @Override
        public String state() {
            boolean retracting = input.mode() != ChangelogMode.INSERT_ONLY;
            return "accumulators and row count per group" + (retracting ? ", values kept for retraction" : "");
        }
    }

    /**
     * Exchange by key: every change of a row goes to the task that owns the hash of its key columns,
     * so the stateful operator above sees all changes of a key in one place and in order. An empty
     * key sends everything to one task. Inside one task it passes changes through; a query split into
     * tasks runs it as an internal repartition topic (server, {@code QueryTasks}).
     */
    record Exchange(StreamNode input, int[] keys) implements StreamNode {
        @Override
        public RelDataType rowType() {
            return input.rowType();
        }

        @Override
        public ChangelogMode mode() {
            return input.mode();
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
    record Union(List<StreamNode> inputs, RelDataType rowType) implements StreamNode {
        @Override
        public ChangelogMode mode() {
            for (StreamNode n : inputs) {
                if (n.mode() != ChangelogMode.INSERT_ONLY) {
                    return ChangelogMode.RETRACT;
                }
            }
            return ChangelogMode.INSERT_ONLY;
        }

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
