package dev.sluice.server.engine;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.pgwire.PgServer;
import dev.sluice.planner.catalog.QualifiedName;
import java.util.List;

/** Turns names as written ({@code t}, {@code s.t}, {@code sluice.s.t}) into catalog names. */
final class Names {
    private Names() {}

    static QualifiedName of(dev.sluice.sql.ast.QualifiedName name) {
        List<String> parts = name.parts();
        return switch (parts.size()) {
            case 1 -> QualifiedName.of(parts.get(0));
            case 2 -> new QualifiedName(parts.get(0), parts.get(1));
            case 3 -> {
                if (!parts.get(0).equals(PgServer.DATABASE)) {
                    throw new SluiceException(
                            SqlState.FEATURE_NOT_SUPPORTED,
                            "cross-database references are not implemented: " + name,
                            null,
                            null,
                            name.pos().pgPosition(),
                            null);
                }
                yield new QualifiedName(parts.get(1), parts.get(2));
            }
            default ->
                throw new SluiceException(
                        SqlState.SYNTAX_ERROR,
                        "improper qualified name (too many dotted names): " + name,
                        null,
                        null,
                        name.pos().pgPosition(),
                        null);
        };
    }
}
