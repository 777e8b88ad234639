package dev.sluice.sql.ast;

import java.util.List;

/** {@code DESCRIPTOR(c1, ...)} as an argument of a windowing table function. */
public record DescriptorArgument(SourcePos pos, List<String> columns) implements Expression {
    public DescriptorArgument {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
