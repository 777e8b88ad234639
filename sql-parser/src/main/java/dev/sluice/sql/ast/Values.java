package dev.sluice.sql.ast;

import java.util.List;

/** {@code VALUES (..), (..)}. */
public record Values(SourcePos pos, List<List<Expression>> rows) implements QueryBody {
    public Values {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        rows = rows.stream().map(List::copyOf).toList();
    }
}
