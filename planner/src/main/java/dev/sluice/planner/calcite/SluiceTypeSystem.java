package dev.sluice.planner.calcite;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with PostgreSQL's limits where they differ: numeric precision up to 1000
 * digits, and unbounded VARCHAR as the default.
 */
public final class SluiceTypeSystem extends RelDataTypeSystemImpl {
    public static final SluiceTypeSystem INSTANCE = new SluiceTypeSystem();

    /** The precision and scale given to a DECIMAL declared without them (PostgreSQL's "numeric"). */
    public static final int UNCONSTRAINED_DECIMAL_PRECISION = 1000;

    public static final int UNCONSTRAINED_DECIMAL_SCALE = 16;

    private SluiceTypeSystem() {}

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case DECIMAL -> UNCONSTRAINED_DECIMAL_PRECISION;
            default -> super.getMaxPrecision(typeName);
        };
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? UNCONSTRAINED_DECIMAL_PRECISION : super.getMaxScale(typeName);
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
