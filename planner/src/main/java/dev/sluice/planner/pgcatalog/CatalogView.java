package dev.sluice.planner.pgcatalog;

import dev.sluice.common.types.Column;
import dev.sluice.planner.catalog.CatalogSnapshot;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.catalog.RelationKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One catalog snapshot as PostgreSQL's catalogs see it: namespaces with their OIDs, and every
 * relation (Sluice's streams, tables and views, and the system relations themselves) with its
 * {@code pg_class} OID, {@code relkind}, visible columns and primary key. Every system table of one
 * compiled query reads the same view, so they agree with each other.
 */
public final class CatalogView {
    public static final int PG_CATALOG_OID = 11;
    public static final int PUBLIC_OID = 2200;
    public static final int INFORMATION_SCHEMA_OID = 13_000;
    public static final int SLUICE_CATALOG_OID = 13_100;
    /** The owner of every object: the bootstrap superuser, as in PostgreSQL. */
    public static final int OWNER_OID = 10;
    /** {@code pg_database.oid} of the one database. */
    public static final int DATABASE_OID = 16_384 - 1;
    /** {@code pg_am.oid} of {@code heap}, the access method PostgreSQL shows for tables. */
    public static final int HEAP_AM_OID = 2;
    /** {@code pg_am.oid} of {@code btree}, shown for primary-key indexes. */
    public static final int BTREE_AM_OID = 403;

    private static final int INDEX_OID_BASE = 1_000_000_000;
    private static final int CONSTRAINT_OID_BASE = 1_100_000_000;
    private static final int OTHER_SCHEMA_OID_BASE = 1_200_000_000;

    /**
     * A relation as {@code pg_class} lists it.
     *
     * @param relation the Sluice relation, or null for a system relation
     * @param system the system table, or null for a Sluice relation
     */
    public record Rel(
            int oid,
            String schema,
            String name,
            char relkind,
            List<Column> columns,
            Relation relation,
            SystemTable system) {

        /** The primary key's column names, or empty: tables with a declared key have one. */
        public List<String> primaryKey() {
            if (relation == null || relation.kind() != RelationKind.TABLE || relation.hiddenKey()) {
                return List.of();
            }
            return relation.schema().keyColumns().stream().map(Column::name).toList();
        }

        /** 1-based {@code attnum} of a column, 0 if absent. */
        public int attnum(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column)) {
                    return i + 1;
                }
            }
            return 0;
        }

        public int indexOid() {
            return INDEX_OID_BASE + oid;
        }

        public int constraintOid() {
            return CONSTRAINT_OID_BASE + oid;
        }

        public String indexName() {
            return name + "_pkey";
        }

        public String kindName() {
            if (system != null) {
                return "SYSTEM VIEW";
            }
            return relation.kind().sqlName();
        }
    }

    private final CatalogSnapshot snapshot;
    private final Map<String, Integer> namespaces = new LinkedHashMap<>();
    private final List<Rel> relations = new ArrayList<>();
    private final Map<Integer, Rel> byOid = new HashMap<>();
    private final List<SystemTable> systemTables;

    CatalogView(CatalogSnapshot snapshot, List<SystemTable> systemTables) {
        this.snapshot = snapshot;
        this.systemTables = List.copyOf(systemTables);
        namespaces.put("pg_catalog", PG_CATALOG_OID);
        namespaces.put("public", PUBLIC_OID);
        namespaces.put("information_schema", INFORMATION_SCHEMA_OID);
        namespaces.put("sluice_catalog", SLUICE_CATALOG_OID);
        int next = OTHER_SCHEMA_OID_BASE;
        for (String s : snapshot.schemas()) {
            if (!namespaces.containsKey(s)) {
                namespaces.put(s, next++);
            }
        }
        for (SystemTable t : systemTables) {
            add(new Rel(t.oid(), t.schemaName(), t.name(), 'v', t.columns(), null, t));
        }
        for (Relation r : snapshot.relations()) {
            if (!r.kind().isReadable()) {
                continue; // sinks are not relations PostgreSQL tools could read
            }
            add(new Rel(
                    (int) r.oid(),
                    r.name().schema(),
                    r.name().name(),
                    r.kind().pgRelkind(),
                    r.visibleColumns(),
                    r,
                    null));
        }
    }

    private void add(Rel rel) {
        relations.add(rel);
        byOid.put(rel.oid(), rel);
    }

    public CatalogSnapshot snapshot() {
        return snapshot;
    }

    /** Schema name to {@code pg_namespace.oid}, in a stable order. */
    public Map<String, Integer> namespaces() {
        return Collections.unmodifiableMap(namespaces);
    }

    public int namespaceOid(String schema) {
        Integer oid = namespaces.get(schema);
        return oid == null ? 0 : oid;
    }

    public Optional<String> namespaceName(int oid) {
        return namespaces.entrySet().stream()
                .filter(e -> e.getValue() == oid)
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** System relations first, then Sluice's. */
    public List<Rel> relations() {
        return relations;
    }

    public List<Rel> userRelations() {
        return relations.stream().filter(r -> r.relation() != null).toList();
    }

    public List<SystemTable> systemTables() {
        return systemTables;
    }

    public Optional<Rel> relation(int oid) {
        return Optional.ofNullable(byOid.get(oid));
    }

    /** The relation whose primary-key index has this OID. */
    public Optional<Rel> relationOfIndex(int indexOid) {
        return relation(indexOid - INDEX_OID_BASE).filter(r -> !r.primaryKey().isEmpty());
    }

    /** The relation whose primary-key constraint has this OID. */
    public Optional<Rel> relationOfConstraint(int constraintOid) {
        return relation(constraintOid - CONSTRAINT_OID_BASE)
                .filter(r -> !r.primaryKey().isEmpty());
    }

    /**
     * Resolves a relation name as {@code ::regclass} does: {@code schema.name}, or {@code name}
     * looked up in pg_catalog and then the search path. Quoted parts keep their case, others fold
     * to lower case.
     */
    public Optional<Rel> resolve(String text, List<String> searchPath) {
        List<String> parts = splitName(text);
        if (parts.isEmpty() || parts.size() > 3) {
            return Optional.empty();
        }
        String name = parts.get(parts.size() - 1);
        if (parts.size() >= 2) {
            String schema = parts.get(parts.size() - 2);
            return relations.stream()
                    .filter(r -> r.schema().equals(schema) && r.name().equals(name))
                    .findFirst();
        }
        List<String> path = new ArrayList<>();
        path.add("pg_catalog");
        path.addAll(searchPath);
        for (String schema : path) {
            Optional<Rel> found = relations.stream()
                    .filter(r -> r.schema().equals(schema) && r.name().equals(name))
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Whether an unqualified name would find this relation ({@code pg_table_is_visible}). */
    public boolean isVisible(Rel rel, List<String> searchPath) {
        return resolve(quoteIfNeeded(rel.name()), searchPath)
                .map(r -> r.oid() == rel.oid())
                .orElse(false);
    }

    /** Splits {@code a."B".c} into parts, folding unquoted parts to lower case. */
    public static List<String> splitName(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        String s = text.trim();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        current.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == '.') {
                parts.add(current.toString());
                current.setLength(0);
                wasQuoted = false;
            } else if (!Character.isWhitespace(c)) {
                current.append(wasQuoted ? c : Character.toLowerCase(c));
            }
        }
        parts.add(current.toString());
        return parts;
    }

    /** {@code quote_ident}: quotes a name unless it is a plain lower-case identifier. */
    public static String quoteIfNeeded(String name) {
        boolean plain = !name.isEmpty() && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; plain && i < name.length(); i++) {
            char c = name.charAt(i);
            plain = Character.isLowerCase(c) || Character.isDigit(c) || c == '_' || c == '$';
        }
        if (plain && !Keywords.isReserved(name)) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The schemas of a {@code search_path} setting, {@code "$user"} replaced by the user. */
    public static List<String> searchPath(String setting, String user) {
        List<String> out = new ArrayList<>();
        if (setting == null) {
            setting = "\"$user\", public";
        }
        for (String part : setting.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.equals("\"$user\"") || p.equals("$user")) {
                p = user;
            } else if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) {
                p = p.substring(1, p.length() - 1);
            } else {
                p = p.toLowerCase(Locale.ROOT);
            }
            out.add(p);
        }
        return out;
    }

    /** PostgreSQL's reserved key words, which {@code quote_ident} quotes. */
    static final class Keywords {
        private static final java.util.Set<String> RESERVED = java.util.Set.of(
                "all",
                "analyse",
                "analyze",
                "and",
                "any",
                "array",
                "as",
                "asc",
                "asymmetric",
                "both",
                "case",
                "cast",
                "check",
                "collate",
                "column",
                "constraint",
                "create",
                "current_catalog",
                "current_date",
                "current_role",
                "current_time",
                "current_timestamp",
                "current_user",
                "default",
                "deferrable",
                "desc",
                "distinct",
                "do",
                "else",
                "end",
                "except",
                "false",
                "fetch",
                "for",
                "foreign",
                "from",
                "grant",
                "group",
                "having",
                "in",
                "initially",
                "intersect",
                "into",
                "lateral",
                "leading",
                "limit",
                "localtime",
                "localtimestamp",
                "not",
                "null",
                "offset",
                "on",
                "only",
                "or",
                "order",
                "placing",
                "primary",
                "references",
                "returning",
                "select",
                "session_user",
                "some",
                "symmetric",
                "table",
                "then",
                "to",
                "trailing",
                "true",
                "union",
                "unique",
                "user",
                "using",
                "variadic",
                "when",
                "where",
                "window",
                "with");

        private Keywords() {}

        static java.util.Set<String> reserved() {
            return RESERVED;
        }

        static boolean isReserved(String word) {
            return RESERVED.contains(word);
        }
    }
}
