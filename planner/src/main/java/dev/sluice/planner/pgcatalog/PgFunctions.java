package dev.sluice.planner.pgcatalog;

import dev.sluice.common.types.SqlType;
import dev.sluice.planner.calcite.CalciteTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlOperandTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * The PostgreSQL functions clients call on the catalog ({@code current_schemas}, {@code
 * format_type}, {@code pg_get_userbyid}, {@code pg_table_is_visible}, ...) as a Calcite operator
 * table, chained before Calcite's own so that these win.
 *
 * <p>Each is a {@link SqlUserDefinedFunction} whose generated code calls {@link
 * PgFunctionsRuntime#call} with the execution's {@link DataContext}: that is how session values
 * ({@code current_user}, {@code current_setting}) and the compiled query's catalog ({@code
 * ::regclass}) reach them without being baked into a cached plan. None is deterministic, so the
 * planner never folds them at compile time.
 */
public final class PgFunctions {
    /** Result types, by short name. */
    private enum Ret {
        TEXT(SqlType.TEXT),
        INT(SqlType.INT),
        BIGINT(SqlType.BIGINT),
        BOOL(SqlType.BOOLEAN),
        TEXT_ARRAY(SqlType.array(SqlType.TEXT)),
        INT_ARRAY(SqlType.array(SqlType.INT)),
        TIMESTAMPTZ(SqlType.TIMESTAMPTZ);

        final SqlType type;

        Ret(SqlType type) {
            this.type = type;
        }
    }

    private static final Map<String, SqlOperator> FUNCTIONS = new LinkedHashMap<>();

    static {
        // Session and server.
        niladic("current_user", Ret.TEXT);
        niladic("session_user", Ret.TEXT);
        niladic("user", Ret.TEXT);
        niladic("current_role", Ret.TEXT);
        niladic("current_catalog", Ret.TEXT);
        niladic("current_schema", Ret.TEXT);
        fn("current_database", Ret.TEXT, 0, 0);
        fn("current_schemas", Ret.TEXT_ARRAY, 1, 1);
        fn("current_setting", Ret.TEXT, 1, 2);
        fn("set_config", Ret.TEXT, 3, 3);
        fn("version", Ret.TEXT, 0, 0);
        fn("pg_backend_pid", Ret.INT, 0, 0);
        fn("pg_postmaster_start_time", Ret.TIMESTAMPTZ, 0, 0);
        // The statement's start, as CURRENT_TIMESTAMP (PostgreSQL: the transaction's; Sluice's
        // transactions are one statement long); clock_timestamp() is the time of the call.
        fn("now", Ret.TIMESTAMPTZ, 0, 0);
        fn("transaction_timestamp", Ret.TIMESTAMPTZ, 0, 0);
        fn("statement_timestamp", Ret.TIMESTAMPTZ, 0, 0);
        fn("clock_timestamp", Ret.TIMESTAMPTZ, 0, 0);
        fn("inet_server_port", Ret.INT, 0, 0);
        // Catalog lookups.
        fn("pg_table_is_visible", Ret.BOOL, 1, 1);
        fn("pg_type_is_visible", Ret.BOOL, 1, 1);
        fn("pg_function_is_visible", Ret.BOOL, 1, 1);
        fn("format_type", Ret.TEXT, 2, 2);
        fn("pg_get_userbyid", Ret.TEXT, 1, 1);
        fn("pg_get_expr", Ret.TEXT, 2, 3);
        fn("pg_get_indexdef", Ret.TEXT, 1, 3);
        fn("pg_get_constraintdef", Ret.TEXT, 1, 2);
        fn("pg_get_viewdef", Ret.TEXT, 1, 2);
        fn("pg_get_statisticsobjdef_columns", Ret.TEXT, 1, 1);
        fn("pg_get_function_result", Ret.TEXT, 1, 1);
        fn("pg_get_function_arguments", Ret.TEXT, 1, 1);
        fn("pg_get_function_identity_arguments", Ret.TEXT, 1, 1);
        fn("obj_description", Ret.TEXT, 1, 2);
        fn("col_description", Ret.TEXT, 2, 2);
        fn("shobj_description", Ret.TEXT, 2, 2);
        fn("pg_encoding_to_char", Ret.TEXT, 1, 1);
        fn("pg_char_to_encoding", Ret.INT, 1, 1);
        fn("pg_relation_is_publishable", Ret.BOOL, 1, 1);
        fn("pg_get_partkeydef", Ret.TEXT, 1, 1);
        fn("pg_get_triggerdef", Ret.TEXT, 1, 2);
        fn("pg_get_ruledef", Ret.TEXT, 1, 2);
        fn("pg_get_functiondef", Ret.TEXT, 1, 1);
        fn("pg_get_serial_sequence", Ret.TEXT, 2, 2);
        fn("pg_is_in_recovery", Ret.BOOL, 0, 0);
        fn("pg_cancel_backend", Ret.BOOL, 1, 1);
        fn("pg_terminate_backend", Ret.BOOL, 1, 2);
        fn("pg_tablespace_location", Ret.TEXT, 1, 1);
        fn("pg_total_relation_size", Ret.BIGINT, 1, 1);
        fn("pg_relation_size", Ret.BIGINT, 1, 2);
        fn("pg_table_size", Ret.BIGINT, 1, 1);
        fn("pg_indexes_size", Ret.BIGINT, 1, 1);
        fn("pg_size_pretty", Ret.TEXT, 1, 1);
        for (String p : List.of(
                "has_table_privilege",
                "has_schema_privilege",
                "has_database_privilege",
                "has_column_privilege",
                "has_any_column_privilege",
                "has_function_privilege",
                "has_sequence_privilege",
                "has_type_privilege",
                "has_language_privilege",
                "has_tablespace_privilege",
                "pg_has_role")) {
            fn(p, Ret.BOOL, 2, 4);
        }
        // Arrays and strings.
        fn("array_upper", Ret.INT, 2, 2);
        fn("array_lower", Ret.INT, 2, 2);
        fn("array_length", Ret.INT, 2, 2);
        fn("array_ndims", Ret.INT, 1, 1);
        fn("array_to_string", Ret.TEXT, 2, 3);
        fn("string_to_array", Ret.TEXT_ARRAY, 2, 3);
        fn("quote_ident", Ret.TEXT, 1, 1);
        fn("btrim", Ret.TEXT, 1, 2);
        fn("trim", Ret.TEXT, 1, 2);
        fn("ltrim", Ret.TEXT, 1, 2);
        fn("rtrim", Ret.TEXT, 1, 2);
        fn("strpos", Ret.INT, 2, 2);
        fn("sluice_bitand", Ret.BIGINT, 2, 2);
        fn("quote_literal", Ret.TEXT, 1, 1);
        fn("parse_ident", Ret.TEXT_ARRAY, 1, 2);
        // What the converter rewrites casts and set-returning calls to.
        fn("sluice_regclass", Ret.INT, 1, 1);
        fn("sluice_regtype", Ret.INT, 1, 1);
        fn("sluice_regnamespace", Ret.INT, 1, 1);
        fn("sluice_regrole", Ret.INT, 1, 1);
        fn("sluice_regproc", Ret.TEXT, 1, 1);
        fn("sluice_regclass_name", Ret.TEXT, 1, 1);
        fn("sluice_regtype_name", Ret.TEXT, 1, 1);
        fn("sluice_regnamespace_name", Ret.TEXT, 1, 1);
        fn("sluice_regrole_name", Ret.TEXT, 1, 1);
        fn("sluice_series", Ret.INT_ARRAY, 2, 3);
        fn("sluice_array_cat", Ret.TEXT_ARRAY, 2, 2);
    }

    private PgFunctions() {}

    /** The operator table to chain in front of Calcite's. */
    public static SqlOperatorTable operatorTable() {
        return SqlOperatorTables.of(FUNCTIONS.values());
    }

    /** Function names, for {@code pg_proc}. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (String n : FUNCTIONS.keySet()) {
            String lower = n.toLowerCase(java.util.Locale.ROOT);
            if (!lower.startsWith("sluice_") && !out.contains(lower)) {
                out.add(lower);
            }
        }
        out.add("generate_series");
        out.add("unnest");
        out.add("array_in");
        return out;
    }

    /**
     * A function also written without parentheses ({@code current_user}). Registered under the
     * lower-case name (an identifier the validator turns into a call) and the upper-case one (the
     * converter upper-cases the names of calls; lookup is case-sensitive).
     */
    private static void niladic(String name, Ret ret) {
        FUNCTIONS.put(name, new PgFunction(name, name, ret.type, 0, 0, SqlSyntax.FUNCTION_ID));
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        FUNCTIONS.put(upper, new PgFunction(upper, name, ret.type, 0, 0, SqlSyntax.FUNCTION_ID));
    }

    private static void fn(String name, Ret ret, int min, int max) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        FUNCTIONS.put(upper, new PgFunction(upper, name, ret.type, min, max, SqlSyntax.FUNCTION));
    }

    /** One function: any operand types (the runtime converts), a fixed nullable result type. */
    static final class PgFunction extends SqlUserDefinedFunction {
        PgFunction(String sqlName, String name, SqlType result, int min, int max, SqlSyntax syntax) {
            super(
                    new SqlIdentifier(sqlName, SqlParserPos.ZERO),
                    SqlKind.OTHER_FUNCTION,
                    binding -> CalciteTypes.toRelType(binding.getTypeFactory(), result, true),
                    unknownsAsText(),
                    new AnyOperands(min, max),
                    new Implementation(name, javaClass(result)),
                    SqlFunctionCategory.USER_DEFINED_FUNCTION,
                    syntax);
        }

        @Override
        public boolean isDeterministic() {
            return false;
        }
    }

    /** The class of Calcite's internal value of a nullable result of this type. */
    private static Class<?> javaClass(SqlType t) {
        return switch (t.kind()) {
            case BOOLEAN -> Boolean.class;
            case INT -> Integer.class;
            case BIGINT, TIMESTAMPTZ -> Long.class;
            case ARRAY -> List.class;
            default -> String.class;
        };
    }

    /** Untyped parameters ({@code $1}) and NULLs passed to these functions are text. */
    private static SqlOperandTypeInference unknownsAsText() {
        return (callBinding, returnType, operandTypes) -> {
            RelDataTypeFactory f = callBinding.getTypeFactory();
            for (int i = 0; i < operandTypes.length; i++) {
                operandTypes[i] = f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), true);
            }
        };
    }

    /** Accepts any operand types, within a count range. */
    private static final class AnyOperands implements SqlOperandMetadata {
        private final int min;
        private final int max;

        AnyOperands(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public List<RelDataType> paramTypes(RelDataTypeFactory typeFactory) {
            return List.of();
        }

        @Override
        public List<String> paramNames() {
            return List.of();
        }

        @Override
        public boolean isFixedParameters() {
            return false;
        }

        @Override
        public boolean checkOperandTypes(SqlCallBinding callBinding, boolean throwOnFailure) {
            return true;
        }

        @Override
        public SqlOperandCountRange getOperandCountRange() {
            return SqlOperandCountRanges.between(min, max);
        }

        @Override
        public String getAllowedSignatures(SqlOperator op, String opName) {
            return opName + "(...)";
        }
    }

    /** Generates {@code PgFunctionsRuntime.call("name", root, new Object[] {args...})}. */
    private static final class Implementation implements ImplementableFunction {
        private final String name;

        private final Class<?> resultClass;

        Implementation(String name, Class<?> resultClass) {
            this.name = name;
            this.resultClass = resultClass;
        }

        @Override
        public List<FunctionParameter> getParameters() {
            return List.of();
        }

        @Override
        public CallImplementor getImplementor() {
            return RexImpTable.createImplementor(
                    (translator, call, operands) -> {
                        List<Expression> args = new ArrayList<>();
                        for (Expression e : operands) {
                            args.add(Expressions.convert_(Expressions.box(e), Object.class));
                        }
                        Expression result = Expressions.call(
                                PgFunctionsRuntime.class,
                                "call",
                                Expressions.constant(name),
                                translator.getRoot(),
                                Expressions.newArrayInit(Object.class, args));
                        return Expressions.convert_(result, resultClass);
                    },
                    NullPolicy.NONE,
                    false);
        }
    }
}
