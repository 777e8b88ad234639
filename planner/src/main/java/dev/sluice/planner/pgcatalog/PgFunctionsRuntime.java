package dev.sluice.planner.pgcatalog;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.planner.pgcatalog.CatalogView.Rel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.DataContext;

/**
 * What the generated code of {@link PgFunctions} calls. Arguments and results are Calcite internal
 * values (String, Integer, Boolean, List, ...). Functions are strict (NULL in, NULL out) unless
 * they say otherwise.
 */
public final class PgFunctionsRuntime {
    private static final long START_MILLIS = System.currentTimeMillis();

    private PgFunctionsRuntime() {}

    public static Object call(String name, DataContext root, Object[] args) {
        switch (name) {
            case "current_user", "session_user", "user", "current_role" -> {
                return PgRuntime.session(root).user();
            }
            case "current_catalog", "current_database" -> {
                return PgRuntime.session(root).database();
            }
            case "current_schema" -> {
                List<String> schemas = existingSchemas(root, false);
                return schemas.isEmpty() ? null : schemas.get(0);
            }
            case "current_schemas" -> {
                return args[0] == null ? null : existingSchemas(root, Boolean.TRUE.equals(args[0]));
            }
            case "version" -> {
                return "PostgreSQL 15.0 (Sluice "
                        + PgRuntime.session(root).system().sluiceVersion()
                        + ") on x86_64-pc-linux-gnu, compiled by javac, 64-bit";
            }
            case "pg_backend_pid" -> {
                return PgRuntime.session(root).processId();
            }
            case "pg_postmaster_start_time" -> {
                return START_MILLIS;
            }
            case "now", "transaction_timestamp", "statement_timestamp" -> {
                Object utc = root.get(org.apache.calcite.DataContext.Variable.UTC_TIMESTAMP.camelName);
                return utc instanceof Long l ? l : System.currentTimeMillis();
            }
            case "clock_timestamp" -> {
                return System.currentTimeMillis();
            }
            case "inet_server_port" -> {
                return null;
            }
            case "pg_is_in_recovery" -> {
                return Boolean.FALSE;
            }
            case "current_setting" -> {
                return currentSetting(root, args);
            }
            case "set_config" -> {
                if (args[0] == null) {
                    throw new SluiceException(SqlState.NULL_VALUE_NOT_ALLOWED, "SET requires parameter name");
                }
                String value = args[1] == null ? "" : args[1].toString();
                return PgRuntime.session(root).setSetting(args[0].toString().toLowerCase(Locale.ROOT), value);
            }
            default -> {}
        }
        if (name.equals("sluice_array_cat")) {
            if (args[0] == null && args[1] == null) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (Object a : args) {
                if (a != null) {
                    for (Object e : (List<?>) a) {
                        out.add(e == null ? null : e.toString());
                    }
                }
            }
            return out;
        }
        if (name.startsWith("has_") || name.equals("pg_has_role")) {
            return Boolean.TRUE;
        }
        for (Object a : args) {
            if (a == null && !nullTolerant(name)) {
                return null;
            }
        }
        return switch (name) {
            case "pg_table_is_visible" -> {
                CatalogView c = PgRuntime.catalog(root);
                int oid = toInt(args[0]);
                yield c.relation(oid)
                        .or(() -> c.relationOfIndex(oid))
                        .map(r -> c.isVisible(r, searchPath(root)))
                        .orElse(null);
            }
            case "pg_type_is_visible", "pg_function_is_visible" -> Boolean.TRUE;
            case "format_type" -> PgTypeRegistry.formatType(toInt(args[0]), args[1] == null ? -1 : toInt(args[1]));
            case "pg_get_userbyid" -> userName(root, toInt(args[0]));
            case "pg_get_expr" -> args[0].toString();
            case "pg_get_indexdef" -> indexDef(root, args);
            case "pg_get_constraintdef" ->
                PgRuntime.catalog(root)
                        .relationOfConstraint(toInt(args[0]))
                        .map(r -> "PRIMARY KEY (" + quotedList(r.primaryKey()) + ")")
                        .orElse(null);
            case "pg_get_viewdef" ->
                PgRuntime.catalog(root)
                        .relation(toInt(args[0]))
                        .filter(r -> r.relation() != null)
                        .map(r -> r.relation().createSql())
                        .orElse(null);
            case "pg_get_statisticsobjdef_columns",
                    "pg_get_function_result",
                    "pg_get_function_arguments",
                    "pg_get_function_identity_arguments" -> "";
            case "obj_description", "col_description", "shobj_description" -> null;
            case "pg_encoding_to_char" -> toInt(args[0]) == 6 ? "UTF8" : "";
            case "pg_char_to_encoding" -> args[0].toString().equalsIgnoreCase("UTF8") ? 6 : -1;
            case "pg_relation_is_publishable" -> Boolean.FALSE;
            case "pg_get_partkeydef",
                    "pg_get_triggerdef",
                    "pg_get_ruledef",
                    "pg_get_functiondef",
                    "pg_get_serial_sequence" -> null;
            case "pg_cancel_backend" -> PgRuntime.session(root).cancelBackend(toInt(args[0]));
            case "pg_terminate_backend" -> PgRuntime.session(root).terminateBackend(toInt(args[0]));
            case "pg_tablespace_location" -> "";
            case "pg_total_relation_size", "pg_relation_size", "pg_table_size", "pg_indexes_size" -> 0L;
            case "pg_size_pretty" -> sizePretty(((Number) args[0]).longValue());
            case "array_upper", "array_length" -> {
                List<?> a = (List<?>) args[0];
                yield toInt(args[1]) != 1 || a.isEmpty() ? null : a.size();
            }
            case "array_lower" -> {
                List<?> a = (List<?>) args[0];
                yield toInt(args[1]) != 1 || a.isEmpty() ? null : 1;
            }
            case "array_ndims" -> ((List<?>) args[0]).isEmpty() ? null : 1;
            case "array_to_string" -> arrayToString(args);
            case "string_to_array" -> stringToArray(args);
            case "quote_ident" -> CatalogView.quoteIfNeeded(args[0].toString());
            case "btrim", "trim", "ltrim", "rtrim" -> trim(name, args);
            case "strpos" -> args[0].toString().indexOf(args[1].toString()) + 1;
            case "sluice_bitand" -> ((Number) args[0]).longValue() & ((Number) args[1]).longValue();
            case "quote_literal" -> "'" + args[0].toString().replace("'", "''") + "'";
            case "parse_ident" -> CatalogView.splitName(args[0].toString());
            case "sluice_regclass" -> regclass(root, args[0]);
            case "sluice_regtype" -> regtype(args[0]);
            case "sluice_regnamespace" -> regnamespace(root, args[0]);
            case "sluice_regrole" -> regrole(root, args[0]);
            case "sluice_regproc" -> regproc(args[0]);
            case "sluice_regclass_name" -> {
                int oid = toInt(args[0]);
                CatalogView c = PgRuntime.catalog(root);
                Optional<Rel> rel = c.relation(oid);
                if (rel.isEmpty()) {
                    rel = c.relationOfIndex(oid);
                    yield rel.map(Rel::indexName).orElse(String.valueOf(oid));
                }
                Rel r = rel.get();
                String shown = CatalogView.quoteIfNeeded(r.name());
                yield c.isVisible(r, searchPath(root)) ? shown : CatalogView.quoteIfNeeded(r.schema()) + "." + shown;
            }
            case "sluice_regtype_name" -> {
                int oid = toInt(args[0]);
                yield PgTypeRegistry.byOid(oid)
                        .map(t -> PgTypeRegistry.formatType(oid, -1))
                        .orElse(String.valueOf(oid));
            }
            case "sluice_regnamespace_name" ->
                PgRuntime.catalog(root).namespaceName(toInt(args[0])).orElse(String.valueOf(args[0]));
            case "sluice_regrole_name" -> userName(root, toInt(args[0]));
            case "sluice_series" -> series(args);
            default -> throw new SluiceException(SqlState.UNDEFINED_FUNCTION, "function " + name + " does not exist");
        };
    }

    private static boolean nullTolerant(String name) {
        return name.equals("array_to_string") || name.equals("pg_get_indexdef");
    }

    private static Object currentSetting(DataContext root, Object[] args) {
        if (args[0] == null) {
            return null;
        }
        String name = args[0].toString().toLowerCase(Locale.ROOT);
        SessionContext s = PgRuntime.session(root);
        String v = s.setting(name);
        if (v == null) {
            v = s.system().serverSettings().get(name);
        }
        if (v == null) {
            v = switch (name) {
                case "server_version" -> "15.0";
                case "server_version_num" -> "150000";
                case "max_identifier_length" -> "63";
                case "block_size" -> "8192";
                case "lc_collate", "lc_ctype" -> "C.UTF-8";
                case "is_superuser" -> "on";
                default -> null;
            };
        }
        if (v == null) {
            if (args.length > 1 && Boolean.TRUE.equals(args[1])) {
                return null;
            }
            throw new SluiceException(
                    SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + args[0] + "\"");
        }
        return v;
    }

    static List<String> searchPath(DataContext root) {
        SessionContext s = PgRuntime.session(root);
        return CatalogView.searchPath(s.setting("search_path"), s.user());
    }

    /** The search path's schemas that exist, with pg_catalog first when implicit ones are asked for. */
    private static List<String> existingSchemas(DataContext root, boolean includeImplicit) {
        CatalogView c = PgRuntime.catalog(root);
        List<String> out = new ArrayList<>();
        if (includeImplicit) {
            out.add("pg_catalog");
        }
        for (String s : searchPath(root)) {
            if (c.namespaces().containsKey(s) && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static String userName(DataContext root, int oid) {
        if (oid == CatalogView.OWNER_OID) {
            return PgRuntime.OWNER_NAME;
        }
        String user = PgRuntime.session(root).user();
        if (oid == PgRuntime.roleOid(user)) {
            return user;
        }
        return "unknown (OID=" + oid + ")";
    }

    private static Object indexDef(DataContext root, Object[] args) {
        if (args[0] == null) {
            return null;
        }
        CatalogView c = PgRuntime.catalog(root);
        Optional<Rel> rel = c.relationOfIndex(toInt(args[0]));
        if (rel.isEmpty()) {
            return null;
        }
        Rel r = rel.get();
        int column = args.length > 1 && args[1] != null ? toInt(args[1]) : 0;
        if (column > 0) {
            return column <= r.primaryKey().size()
                    ? CatalogView.quoteIfNeeded(r.primaryKey().get(column - 1))
                    : "";
        }
        return "CREATE UNIQUE INDEX " + CatalogView.quoteIfNeeded(r.indexName()) + " ON "
                + CatalogView.quoteIfNeeded(r.schema()) + "." + CatalogView.quoteIfNeeded(r.name())
                + " USING btree (" + quotedList(r.primaryKey()) + ")";
    }

    private static String quotedList(List<String> names) {
        List<String> quoted = new ArrayList<>();
        names.forEach(n -> quoted.add(CatalogView.quoteIfNeeded(n)));
        return String.join(", ", quoted);
    }

    private static Object regclass(DataContext root, Object v) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        String text = v.toString().trim();
        if (text.matches("\\d+")) {
            return Integer.parseInt(text);
        }
        CatalogView c = PgRuntime.catalog(root);
        return c.resolve(text, searchPath(root))
                .map(Rel::oid)
                .orElseThrow(() ->
                        new SluiceException(SqlState.UNDEFINED_TABLE, "relation \"" + text + "\" does not exist"));
    }

    private static Object regtype(Object v) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        String text = v.toString().trim();
        if (text.matches("\\d+")) {
            return Integer.parseInt(text);
        }
        return PgTypeRegistry.byName(text.toLowerCase(Locale.ROOT))
                .map(PgTypeRegistry.PgType::oid)
                .orElseThrow(
                        () -> new SluiceException(SqlState.UNDEFINED_OBJECT, "type \"" + text + "\" does not exist"));
    }

    private static Object regnamespace(DataContext root, Object v) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        String text = v.toString().trim();
        if (text.matches("\\d+")) {
            return Integer.parseInt(text);
        }
        List<String> parts = CatalogView.splitName(text);
        Integer oid = PgRuntime.catalog(root).namespaces().get(parts.get(0));
        if (oid == null) {
            throw new SluiceException("3F000", "schema \"" + text + "\" does not exist");
        }
        return oid;
    }

    private static Object regrole(DataContext root, Object v) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        String text = v.toString().trim();
        if (text.equals(PgRuntime.OWNER_NAME)) {
            return CatalogView.OWNER_OID;
        }
        if (text.equals(PgRuntime.session(root).user())) {
            return PgRuntime.roleOid(text);
        }
        throw new SluiceException(SqlState.UNDEFINED_OBJECT, "role \"" + text + "\" does not exist");
    }

    /** {@code regproc} stays the function's name: {@code 'pg_catalog.array_in'::regproc} is {@code array_in}. */
    private static Object regproc(Object v) {
        String text = v.toString().trim();
        return text.startsWith("pg_catalog.") ? text.substring("pg_catalog.".length()) : text;
    }

    /** {@code btrim/ltrim/rtrim(s [, chars])}: strips any of {@code chars} (default a space). */
    private static Object trim(String name, Object[] args) {
        String s = args[0].toString();
        String chars = args.length > 1 ? args[1].toString() : " ";
        int start = 0;
        int end = s.length();
        if (!name.equals("rtrim")) {
            while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
                start++;
            }
        }
        if (!name.equals("ltrim")) {
            while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
                end--;
            }
        }
        return s.substring(start, end);
    }

    private static Object arrayToString(Object[] args) {
        if (args[0] == null || args[1] == null) {
            return null;
        }
        String nullText = args.length > 2 && args[2] != null ? args[2].toString() : null;
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object e : (List<?>) args[0]) {
            if (e == null && nullText == null) {
                continue;
            }
            if (!first) {
                sb.append(args[1]);
            }
            sb.append(e == null ? nullText : e.toString());
            first = false;
        }
        return sb.toString();
    }

    private static Object stringToArray(Object[] args) {
        String s = args[0].toString();
        String sep = args[1].toString();
        String nullText = args.length > 2 ? (String) args[2] : null;
        List<String> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        if (sep.isEmpty()) {
            out.add(s);
            return out;
        }
        int from = 0;
        while (true) {
            int at = s.indexOf(sep, from);
            String part = at < 0 ? s.substring(from) : s.substring(from, at);
            out.add(part.equals(nullText) ? null : part);
            if (at < 0) {
                return out;
            }
            from = at + sep.length();
        }
    }

    private static Object series(Object[] args) {
        long start = ((Number) args[0]).longValue();
        long stop = ((Number) args[1]).longValue();
        long step = args.length > 2 ? ((Number) args[2]).longValue() : 1;
        if (step == 0) {
            throw new SluiceException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
        }
        List<Integer> out = new ArrayList<>();
        for (long v = start; step > 0 ? v <= stop : v >= stop; v += step) {
            if (out.size() >= 10_000_000) {
                throw new SluiceException(
                        SqlState.PROGRAM_LIMIT_EXCEEDED, "generate_series would return more than 10000000 rows");
            }
            out.add((int) v);
        }
        return out;
    }

    private static String sizePretty(long bytes) {
        if (bytes < 10 * 1024) {
            return bytes + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 10 * 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return Math.round(v) + " " + units[u];
    }

    static int toInt(Object v) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new SluiceException(
                    SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type oid: \"" + v + "\"");
        }
    }
}
