package dev.sluice.sql.ast;

/** The body of a {@link Query}: a SELECT, a set operation, VALUES or a parenthesized query. */
public interface QueryBody extends Node {}
