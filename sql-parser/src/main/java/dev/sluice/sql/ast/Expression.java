package dev.sluice.sql.ast;

/** A value expression. */
public interface Expression extends Node {}
