package dev.sluice.sql.ast;

/** A statement: the root of an AST. */
public interface Statement extends Node {}
