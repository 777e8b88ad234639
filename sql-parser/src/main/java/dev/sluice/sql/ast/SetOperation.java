package dev.sluice.sql.ast;

/** {@code left UNION|INTERSECT|EXCEPT [ALL] right}. */
public record SetOperation(SourcePos pos, SetOperator operator, boolean all, QueryBody left, QueryBody right)
        implements QueryBody {
    public SetOperation {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
