package dev.sluice.planner.stream;

/**
 * What kinds of change a node of a streaming plan emits. Inferred bottom-up by {@link StreamPlanner};
 * each operator also states what it needs from its input, and a plan that would feed an operator a
 * mode it cannot consume is refused.
 */
public enum ChangelogMode {
    /** Only {@code +I}: a stream, or a stateless query over one. */
    INSERT_ONLY("insert-only"),
    /**
     * {@code +I}/{@code +U} meaning "the row for this key is now ..." and {@code -D} by key, with no
     * before-images: a table's or view's changelog topic.
     */
    UPSERT("upsert"),
    /** {@code +I}, {@code -U}/{@code +U} pairs and {@code -D}, each carrying the full row. */
    RETRACT("retract");

    private final String label;

    ChangelogMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
