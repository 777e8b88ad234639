package dev.sluice.planner.stream.rel;

import dev.sluice.planner.calcite.SluiceTable;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalTableScan;

/**
 * {@code LogicalTableScan} of a Sluice relation (stream, table, view or connector source) to {@link
 * StreamTableSourceScan}. Other tables (pg_catalog, information_schema) have no changelog to follow
 * and stay logical.
 */
public final class StreamTableSourceScanRule extends ConverterRule {
    public static final StreamTableSourceScanRule INSTANCE = Config.INSTANCE
            .withConversion(
                    LogicalTableScan.class,
                    (LogicalTableScan scan) -> scan.getTable().unwrap(SluiceTable.class) != null,
                    Convention.NONE,
                    StreamRel.CONVENTION,
                    "StreamTableSourceScanRule")
            .withRuleFactory(StreamTableSourceScanRule::new)
            .toRule(StreamTableSourceScanRule.class);

    private StreamTableSourceScanRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        LogicalTableScan scan = (LogicalTableScan) rel;
        return new StreamTableSourceScan(
                scan.getCluster(), scan.getTraitSet().replace(StreamRel.CONVENTION), scan.getTable());
    }
}
