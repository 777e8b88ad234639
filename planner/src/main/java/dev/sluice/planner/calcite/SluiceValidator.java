package dev.sluice.planner.calcite;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.validate.SelectScope;
import org.apache.calcite.sql.validate.SqlQualified;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorTable;

/**
 * Calcite's validator with Sluice's rules: {@code SELECT *} leaves out pseudo-columns ({@code
 * rowtime}, ...) and hidden row ids, which stay selectable by name.
 *
 * <p>{@code addToSelectList} is the hook Calcite calls for each column a star expands to (explicit
 * select items do not pass through it), so skipping a column there hides it from the star only.
 */
final class SluiceValidator extends SqlValidatorImpl {
    SluiceValidator(
            SqlOperatorTable opTab,
            SqlValidatorCatalogReader catalogReader,
            RelDataTypeFactory typeFactory,
            Config config) {
        super(opTab, catalogReader, typeFactory, config);
    }

    @Override
    protected void addToSelectList(
            List<SqlNode> list,
            Set<String> aliases,
            List<Map.Entry<String, RelDataType>> fieldList,
            SqlNode exp,
            SelectScope scope,
            boolean includeSystemVars) {
        if (!includeSystemVars && isHiddenTableColumn(exp, scope)) {
            return;
        }
        super.addToSelectList(list, aliases, fieldList, exp, scope, includeSystemVars);
    }

    private static boolean isHiddenTableColumn(SqlNode exp, SelectScope scope) {
        if (!(exp instanceof SqlIdentifier id) || id.isStar()) {
            return false;
        }
        SqlQualified qualified = scope.fullyQualify(id);
        SqlValidatorTable table = qualified.namespace == null ? null : qualified.namespace.getTable();
        if (table == null) {
            return false;
        }
        SluiceTable sluiceTable = table.unwrap(SluiceTable.class);
        return sluiceTable != null && sluiceTable.hiddenColumns().contains(id.names.get(id.names.size() - 1));
    }
}
