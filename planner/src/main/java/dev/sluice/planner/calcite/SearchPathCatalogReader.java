package dev.sluice.planner.calcite;

import java.util.List;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * Resolves unqualified relation names as PostgreSQL's default search path does: {@code pg_catalog}
 * (implicitly first), then {@code public}. Clients rely on it: pgjdbc writes {@code FROM
 * pg_namespace} and {@code FROM pg_type} without a schema.
 */
final class SearchPathCatalogReader extends CalciteCatalogReader {
    SearchPathCatalogReader(CalciteSchema root, RelDataTypeFactory typeFactory, CalciteConnectionConfig config) {
        super(
                root,
                SqlNameMatchers.withCaseSensitive(config.caseSensitive()),
                List.of(List.of("pg_catalog"), List.of("public"), List.of()),
                typeFactory,
                config);
    }
}
