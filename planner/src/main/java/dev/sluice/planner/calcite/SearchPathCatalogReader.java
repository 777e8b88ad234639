package dev.sluice.planner.calcite;

import java.util.List;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * Resolves unqualified relation names as PostgreSQL's search path does: {@code pg_catalog}
 * (implicitly first), then the session's {@code search_path} ({@code public} by default). Clients rely on it: pgjdbc writes {@code FROM
 * pg_namespace} and {@code FROM pg_type} without a schema.
 */
final class SearchPathCatalogReader extends CalciteCatalogReader {
    SearchPathCatalogReader(
            CalciteSchema root,
            List<String> searchPath,
            RelDataTypeFactory typeFactory,
            CalciteConnectionConfig config) {
        super(root, SqlNameMatchers.withCaseSensitive(config.caseSensitive()), paths(searchPath), typeFactory, config);
    }

    private static List<List<String>> paths(List<String> searchPath) {
        List<List<String>> paths = new java.util.ArrayList<>();
        paths.add(List.of("pg_catalog"));
        for (String schema : searchPath) {
            if (!schema.equals("pg_catalog")) {
                paths.add(List.of(schema));
            }
        }
        paths.add(List.of());
        return paths;
    }
}
