package dev.sluice.sql.ast;

/** The quantifier of a {@link QuantifiedComparison}. */
public enum Quantifier {
    ANY,
    SOME,
    ALL
}
