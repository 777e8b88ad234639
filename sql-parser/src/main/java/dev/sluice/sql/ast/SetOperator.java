package dev.sluice.sql.ast;

/** The operator of a {@link SetOperation}. */
public enum SetOperator {
    UNION,
    INTERSECT,
    EXCEPT
}
