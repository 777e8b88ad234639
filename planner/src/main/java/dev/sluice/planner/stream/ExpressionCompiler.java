package dev.sluice.planner.stream;

import dev.sluice.executor.stream.RowPredicate;
import dev.sluice.executor.stream.RowProjection;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.interpreter.Context;
import org.apache.calcite.interpreter.JaninoRexCompiler;
import org.apache.calcite.interpreter.Scalar;
import org.apache.calcite.interpreter.SluiceContexts;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeUtil;

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
        IntegerModRewrite mod = new IntegerModRewrite(rexBuilder);
        if (conditionRef != null) {
            condition = compiler.compile(
                    List.of(program.expandLocalRef(conditionRef).accept(mod)), program.getInputRowType());
        }
        List<RexNode> projects = new ArrayList<>();
        for (RexLocalRef ref : program.getProjectList()) {
            projects.add(program.expandLocalRef(ref).accept(mod));
        }
        boolean identity = program.projectsOnlyIdentity()
                && program.getOutputRowType().getFieldCount()
                        == program.getInputRowType().getFieldCount();
        Scalar.Producer projection = identity ? null : compiler.compile(projects, program.getInputRowType());
        return new Compiled(condition, projection, projects.size(), identity);
    }

    /**
     * Calcite 1.42's code generator implements {@code MOD} of two different integer types (BIGINT and
     * INTEGER, as in Nexmark q2's {@code MOD(auction, 123)}) as {@code SqlFunctions.mod(BigDecimal,
     * BigDecimal)}, and evaluates it twice per row (once for the null check). That was half of q2's
     * time. Casting both operands to the wider integer type selects {@code mod(long, long)}; the
     * result is cast back to the call's type, which holds it ({@code |a mod b| < |b|}). Same values,
     * signs included (both take the sign of the dividend).
     */
    static final class IntegerModRewrite extends RexShuttle {
        private final RexBuilder rexBuilder;

        IntegerModRewrite(RexBuilder rexBuilder) {
            this.rexBuilder = rexBuilder;
        }

        @Override
        public RexNode visitCall(RexCall call) {
            RexNode visited = super.visitCall(call);
            if (!(visited instanceof RexCall c)
                    || c.getKind() != SqlKind.MOD
                    || c.getOperands().size() != 2) {
                return visited;
            }
            RelDataType a = c.getOperands().get(0).getType();
            RelDataType b = c.getOperands().get(1).getType();
            if (!SqlTypeUtil.isIntType(a) || !SqlTypeUtil.isIntType(b) || a.getSqlTypeName() == b.getSqlTypeName()) {
                return visited;
            }
            RelDataTypeFactory types = rexBuilder.getTypeFactory();
            RelDataType wider = a.getPrecision() >= b.getPrecision() ? a : b;
            RexNode x = rexBuilder.makeCast(
                    types.createTypeWithNullability(wider, a.isNullable()),
                    c.getOperands().get(0));
            RexNode y = rexBuilder.makeCast(
                    types.createTypeWithNullability(wider, b.isNullable()),
                    c.getOperands().get(1));
            return rexBuilder.makeCast(c.getType(), rexBuilder.makeCall(c.getOperator(), x, y));
        }
    }
}
