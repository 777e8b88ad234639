package dev.sluice.planner.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.executor.stream.RowPredicate;
import dev.sluice.executor.stream.RowProjection;
import dev.sluice.planner.calcite.SluiceTypeSystem;
import java.math.BigDecimal;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

class ExpressionCompilerTest {
    private final JavaTypeFactory types = new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE);
    private final RexBuilder rex = new RexBuilder(types);
    private final RelDataType bigint = types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), true);
    private final RelDataType integer = types.createSqlType(SqlTypeName.INTEGER);

    private RexNode mod(long divisor) {
        return rex.makeCall(
                SqlStdOperatorTable.MOD,
                rex.makeInputRef(bigint, 0),
                rex.makeExactLiteral(BigDecimal.valueOf(divisor), integer));
    }

    /** MOD(BIGINT, INTEGER) (Nexmark q2) is computed in longs, not BigDecimals, with the same values. */
    @Test
    void modOfMixedIntegerTypesIsComputedInLongs() {
        RexNode mod = mod(-7);
        RexNode rewritten = mod.accept(new ExpressionCompiler.IntegerModRewrite(rex));
        assertEquals(SqlKind.CAST, rewritten.getKind());
        RexCall inner = (RexCall) ((RexCall) rewritten).getOperands().get(0);
        assertEquals(SqlKind.MOD, inner.getKind());
        assertEquals(SqlTypeName.BIGINT, inner.getOperands().get(1).getType().getSqlTypeName());
        assertEquals(mod.getType(), rewritten.getType());

        RelDataType input = types.builder().add("a", bigint).build();
        RexProgramBuilder program = new RexProgramBuilder(input, rex);
        program.addProject(mod, "m");
        program.addCondition(rex.makeCall(SqlStdOperatorTable.EQUALS, mod(123), rex.makeZeroLiteral(integer)));
        ExpressionCompiler.Compiled compiled = ExpressionCompiler.compile(program.getProgram(), rex);
        RowProjection projection = compiled.projection();
        RowPredicate predicate = compiled.predicate();
        // The sign follows the dividend, as PostgreSQL's MOD and Calcite's BigDecimal version do.
        assertArrayEquals(new Object[] {-3}, projection.apply(new Object[] {-10L}));
        assertArrayEquals(new Object[] {3}, projection.apply(new Object[] {10L}));
        assertArrayEquals(new Object[] {(int) (Long.MAX_VALUE % -7)}, projection.apply(new Object[] {Long.MAX_VALUE}));
        assertArrayEquals(new Object[] {null}, projection.apply(new Object[] {null}));
        assertTrue(predicate.test(new Object[] {246L}));
        assertTrue(predicate.test(new Object[] {-123L}));
        assertFalse(predicate.test(new Object[] {247L}));
        assertFalse(predicate.test(new Object[] {null}));
    }

    @Test
    void modOfOneIntegerTypeIsLeftAlone() {
        RexNode mod = rex.makeCall(
                SqlStdOperatorTable.MOD,
                rex.makeInputRef(bigint, 0),
                rex.makeExactLiteral(BigDecimal.valueOf(5), types.createSqlType(SqlTypeName.BIGINT)));
        assertEquals(mod, mod.accept(new ExpressionCompiler.IntegerModRewrite(rex)));
    }
}
