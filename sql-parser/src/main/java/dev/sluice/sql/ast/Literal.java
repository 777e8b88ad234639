package dev.sluice.sql.ast;

/** A constant written in the statement. */
public interface Literal extends Expression {}
