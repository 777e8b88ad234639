package dev.sluice.sql.ast;

import java.util.List;

/** {@code COPY table [(columns)] FROM STDIN [(options)]} or {@code COPY table|(query) TO STDOUT [(options)]}; legacy option spellings ({@code CSV HEADER}) are normalised to the option list. */
public record Copy(
        SourcePos pos,
        CopyDirection direction,
        QualifiedName table,
        List<String> columns,
        Query query,
        List<Property> options)
        implements Statement {
    public Copy {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        columns = columns == null ? List.of() : List.copyOf(columns);
        options = options == null ? List.of() : List.copyOf(options);
    }
}
