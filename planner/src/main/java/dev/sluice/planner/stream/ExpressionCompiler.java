package dev.sluice.planner.stream;

import dev.sluice.executor.stream.RowPredicate;
import dev.sluice.executor.stream.RowProjection;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.interpreter.Context;
import org.apache.calcite.interpreter.JaninoRexCompiler;
import org.apache.calcite.interpreter.Scalar;
import org.apache.calcite.interpreter.SluiceContexts;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * Compiles a {@link RexProgram}'s condition and projections to Java bytecode with Calcite's {@link
 * JaninoRexCompiler} (the same translator the pull-query path uses, so functions, casts and NULL
 * semantics agree), and wraps them as the executor's {@link RowPredicate} and {@link RowProjection}.
 *
 * <p>Each returned object owns one evaluation {@link Context}, so it must be used by one thread: a
 * pipeline instance compiles its own (compilation happens once per plan; {@link #bind} per pipeline).
 */
final class ExpressionCompiler {
    private ExpressionCompiler() {}

    /** A compiled program, bound to evaluation contexts by {@link #bind}. */
    record Compiled(Scalar.Producer conditionCode, Scalar.Producer projectionCode, int width, boolean identity) {
        RowPredicate predicate() {
            if (conditionCode == null) {
                return null;
            }
            Scalar scalar = conditionCode.apply(new StreamDataContext());
            Context context = SluiceContexts.create(new StreamDataContext());
            return row -> {
                context.values = row;
                return Boolean.TRUE.equals(scalar.execute(context));
            };
        }

        RowProjection projection() {
            if (identity) {
                return null;
            }
            Scalar scalar = projectionCode.apply(new StreamDataContext());
            Context context = SluiceContexts.create(new StreamDataContext());
            int n = width;
            return row -> {
                context.values = row;
                Object[] out = new Object[n];
                scalar.execute(context, out);
                return out;
            };
        }
    }

    static Compiled compile(RexProgram program, RexBuilder rexBuilder) {
        JaninoRexCompiler compiler = new JaninoRexCompiler(rexBuilder);
        Scalar.Producer condition = null;
        RexLocalRef conditionRef = program.getCondition();
        if (conditionRef != null) {
            condition = compiler.compile(List.of(program.expandLocalRef(conditionRef)), program.getInputRowType());
        }
        List<RexNode> projects = new ArrayList<>();
        for (RexLocalRef ref : program.getProjectList()) {
            projects.add(program.expandLocalRef(ref));
        }
        boolean identity = program.projectsOnlyIdentity()
                && program.getOutputRowType().getFieldCount()
                        == program.getInputRowType().getFieldCount();
        Scalar.Producer projection = identity ? null : compiler.compile(projects, program.getInputRowType());
        return new Compiled(condition, projection, projects.size(), identity);
    }
}
