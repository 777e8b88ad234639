package dev.sluice.logengine;

/** What happens to old data: delete whole segments by age/size, or keep the latest record per key. */
public enum CleanupPolicy {
    DELETE,
    COMPACT
}
