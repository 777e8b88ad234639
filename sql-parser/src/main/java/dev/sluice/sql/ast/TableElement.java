package dev.sluice.sql.ast;

/** An element of a column list in CREATE STREAM/TABLE/SOURCE. */
public interface TableElement extends Node {}
