package dev.sluice.planner.pgcatalog;

import dev.sluice.planner.catalog.CatalogSnapshot;
import org.apache.calcite.DataContext;
import org.apache.calcite.schema.SchemaPlus;

/** How system tables and catalog functions reach the session and the catalog at execution time. */
public final class PgRuntime {
    /** The {@link DataContext#get} key under which an execution passes its {@link SessionContext}. */
    public static final String SESSION_KEY = "sluice.session";
    /** The owner of every object ({@code pg_get_userbyid(10)}). */
    public static final String OWNER_NAME = "sluice";

    private PgRuntime() {}

    /** The execution's session, or defaults when it runs without one. */
    public static SessionContext session(DataContext root) {
        Object s = root == null ? null : root.get(SESSION_KEY);
        return s instanceof SessionContext sc ? sc : DEFAULT_SESSION;
    }

    private static final SessionContext DEFAULT_SESSION = SessionContext.defaults(OWNER_NAME);

    /** The catalog view the query was compiled against. */
    public static CatalogView catalog(DataContext root) {
        SchemaPlus rootSchema = root.getRootSchema();
        SchemaPlus pg = rootSchema == null ? null : rootSchema.getSubSchema("pg_catalog");
        SystemTables.SystemSchema schema = pg == null ? null : pg.unwrap(SystemTables.SystemSchema.class);
        return schema != null ? schema.view() : SystemTables.build(CatalogSnapshotHolder.EMPTY);
    }

    /** A stable OID for a role other than the owner. */
    static int roleOid(String user) {
        return 16_000 + Math.floorMod(user.hashCode(), 300);
    }

    private static final class CatalogSnapshotHolder {
        static final CatalogSnapshot EMPTY = CatalogSnapshot.EMPTY;
    }
}
