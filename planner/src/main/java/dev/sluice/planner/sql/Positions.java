package dev.sluice.planner.sql;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.sql.ast.Node;
import dev.sluice.sql.ast.SourcePos;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Source positions between Sluice's AST and Calcite (both 1-based line and column). */
final class Positions {
    private Positions() {}

    static SqlParserPos of(Node node) {
        return of(node.pos());
    }

    static SqlParserPos of(SourcePos pos) {
        if (pos == null || pos.line() <= 0) {
            return SqlParserPos.ZERO;
        }
        return new SqlParserPos(pos.line(), pos.column());
    }

    /** 0A000 for a construct the converter does not handle, pointing at it. */
    static SluiceException unsupported(String what, Node node) {
        return new SluiceException(
                SqlState.FEATURE_NOT_SUPPORTED,
                what + " is not supported",
                null,
                null,
                node.pos().pgPosition(),
                null);
    }
}
