package dev.sluice.executor.stream;

import dev.sluice.common.RowKind;
import java.util.Arrays;

/**
 * Filter then project ({@code WHERE} + {@code SELECT} list), stateless.
 *
 * <p>Inserts and deletes pass or drop. An update pair (-U old, +U new) is rewritten by which of its
 * halves pass the filter, so that downstream never sees a retraction of a row it was not sent:
 *
 * <pre>
 *   old passes  new passes   output
 *   yes         yes          -U proj(old), +U proj(new)   (nothing if the projections are equal)
 *   yes         no           -D proj(old)
 *   no          yes          +I proj(new)
 *   no          no           nothing
 * </pre>
 *
 * <p>To decide, the -U is held until its +U arrives. A pair split by a batch boundary ({@link
 * #flush()} between -U and +U) is emitted as -D now and +I later, which keeps the output a valid
 * changelog without holding state across a checkpoint. A lone +U (no -U before it, as an upsert
 * changelog has) passes as +U.
 */
public final class CalcOperator implements StreamOperator {
    private final RowPredicate filter;
    private final RowProjection projection;
    private final ChangeCollector out;

    /** The -U waiting for its +U, or null. */
    private Object[] pendingBefore;
    /** True when the -U of the coming +U was already sent downstream (as -D) at a flush. */
    private boolean beforeFlushed;

    public CalcOperator(RowPredicate filterOrNull, RowProjection projectionOrNull, ChangeCollector out) {
        this.filter = filterOrNull;
        this.projection = projectionOrNull;
        this.out = out;
    }

    @Override
    public void collect(RowKind kind, Object[] row) {
        switch (kind) {
            case INSERT, DELETE -> {
                beforeFlushed = false;
                if (filter == null || filter.test(row)) {
                    out.collect(kind, projection == null ? row : projection.apply(row));
                }
            }
            case UPDATE_BEFORE -> {
                if (pendingBefore != null) {
                    throw new IllegalStateException("CalcOperator: -U not followed by +U (two -U in a row)");
                }
                pendingBefore = row;
                beforeFlushed = false;
            }
            case UPDATE_AFTER -> afterArrived(row);
        }
    }

    private void afterArrived(Object[] after) {
        Object[] before = pendingBefore;
        pendingBefore = null;
        boolean newPasses = filter == null || filter.test(after);
        if (before == null) {
            if (newPasses) {
                out.collect(beforeFlushed ? RowKind.INSERT : RowKind.UPDATE_AFTER, project(after));
            }
            beforeFlushed = false;
            return;
        }
        boolean oldPasses = filter == null || filter.test(before);
        if (oldPasses && newPasses) {
            Object[] pb = project(before);
            Object[] pa = project(after);
            if (!Arrays.deepEquals(pb, pa)) {
                out.collect(RowKind.UPDATE_BEFORE, pb);
                out.collect(RowKind.UPDATE_AFTER, pa);
            }
        } else if (oldPasses) {
            out.collect(RowKind.DELETE, project(before));
        } else if (newPasses) {
            out.collect(RowKind.INSERT, project(after));
        }
    }

    private Object[] project(Object[] row) {
        return projection == null ? row : projection.apply(row);
    }

    @Override
    public void flush() {
        if (pendingBefore != null) {
            Object[] before = pendingBefore;
            pendingBefore = null;
            beforeFlushed = true;
            if (filter == null || filter.test(before)) {
                out.collect(RowKind.DELETE, project(before));
            }
        }
    }
}
