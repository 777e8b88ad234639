package dev.sluice.sql.ast;

/** An item of FROM: a table, subquery, table function, join or an aliased one of these. */
public interface Relation extends Node {}
