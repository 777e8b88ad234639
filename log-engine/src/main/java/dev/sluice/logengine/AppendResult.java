package dev.sluice.logengine;

/**
 * Where an appended batch landed. {@code duplicate} is true when an idempotent producer retried a
 * batch the log already had: the offsets are the original ones and nothing was written.
 */
public record AppendResult(long baseOffset, long lastOffset, long appendTimeMs, boolean duplicate) {}
