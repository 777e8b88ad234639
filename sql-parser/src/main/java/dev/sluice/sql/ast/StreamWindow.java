package dev.sluice.sql.ast;

/** The ksqlDB-style {@code WINDOW TUMBLING|HOPPING|SESSION (...)} clause of a streaming aggregation. */
public interface StreamWindow extends Node {}
