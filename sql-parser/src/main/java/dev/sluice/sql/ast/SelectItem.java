package dev.sluice.sql.ast;

/** An item of the SELECT list. */
public interface SelectItem extends Node {}
