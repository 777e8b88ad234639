package dev.sluice.sql.ast;

/** {@code [LATERAL] (query)} in FROM. */
public record SubqueryRelation(SourcePos pos, Query query, boolean lateral) implements Relation {
    public SubqueryRelation {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
