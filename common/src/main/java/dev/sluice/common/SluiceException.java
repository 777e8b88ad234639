package dev.sluice.common;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one exception type that crosses layers and reaches the client as a PostgreSQL ErrorResponse.
 *
 * <p>It carries the fields a PostgreSQL client shows: the SQLSTATE ({@code C}), the message ({@code
 * M}), an optional detail ({@code D}) and hint ({@code H}), and an optional position ({@code P}): the
 * 1-based character offset into the statement text, which psql turns into a caret under the error.
 *
 * <p>Messages follow PostgreSQL's style: lower case, no trailing period, and say what to fix.
 */
public class SluiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Marks "no position" in {@link #position()}. */
    public static final int NO_POSITION = 0;

    private final String sqlState;
    private final String detail;
    private final String hint;
    private final int position;
    /** PostgreSQL's CONTEXT (where the error happened, e.g. "COPY line 3"); null for none. */
    private final String context;

    public SluiceException(String sqlState, String message) {
        this(sqlState, message, null, null, NO_POSITION, null);
    }

    public SluiceException(String sqlState, String message, Throwable cause) {
        this(sqlState, message, null, null, NO_POSITION, cause);
    }

    public SluiceException(String sqlState, String message, String detail, String hint, int position, Throwable cause) {
        this(sqlState, message, detail, hint, position, null, cause);
    }

    private SluiceException(
            String sqlState,
            String message,
            String detail,
            String hint,
            int position,
            String context,
            Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.context = context;
        this.sqlState = checkSqlState(sqlState);
        this.detail = detail;
        this.hint = hint;
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 1, or 0 for none: " + position);
        }
        this.position = position;
    }

    private static String checkSqlState(String sqlState) {
        Objects.requireNonNull(sqlState, "sqlState");
        if (sqlState.length() != 5) {
            throw new IllegalArgumentException("SQLSTATE must have five characters: '" + sqlState + "'");
        }
        for (int i = 0; i < 5; i++) {
            char c = sqlState.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
                throw new IllegalArgumentException(
                        "SQLSTATE must be digits and upper-case letters: '" + sqlState + "'");
            }
        }
        return sqlState;
    }

    /** The five-character SQLSTATE, e.g. {@code 42P01}. */
    public String sqlState() {
        return sqlState;
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    /** Where the error happened, as PostgreSQL's CONTEXT field says it (e.g. {@code COPY line 3}). */
    public Optional<String> context() {
        return Optional.ofNullable(context);
    }

    /** A copy with the context set. */
    public SluiceException withContext(String newContext) {
        return copy(detail, hint, position, newContext);
    }

    /** The 1-based character offset of the error in the statement text, when known. */
    public OptionalInt position() {
        return position == NO_POSITION ? OptionalInt.empty() : OptionalInt.of(position);
    }

    /** A copy with a hint added (exceptions are immutable values). */
    public SluiceException withHint(String newHint) {
        return copy(detail, newHint, position);
    }

    /** A copy with a detail added. */
    public SluiceException withDetail(String newDetail) {
        return copy(newDetail, hint, position);
    }

    /**
     * A copy with the position set; used when a layer that knows the statement text maps an
     * error back to it.
     */
    public SluiceException withPosition(int newPosition) {
        return copy(detail, hint, newPosition);
    }

    private SluiceException copy(String newDetail, String newHint, int newPosition) {
        return copy(newDetail, newHint, newPosition, context);
    }

    private SluiceException copy(String newDetail, String newHint, int newPosition, String newContext) {
        SluiceException copy =
                new SluiceException(sqlState, getMessage(), newDetail, newHint, newPosition, newContext, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** Shorthand for the common "not supported" error (0A000). */
    public static SluiceException notSupported(String what) {
        return new SluiceException(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported");
    }

    /** Shorthand for an internal error wrapping an unexpected cause (XX000). */
    public static SluiceException internal(String message, Throwable cause) {
        return new SluiceException(SqlState.INTERNAL_ERROR, message, cause);
    }

    @Override
    public String toString() {
        StringBuilder sb =
                new StringBuilder("ERROR ").append(sqlState).append(": ").append(getMessage());
        if (detail != null) {
            sb.append(" (detail: ").append(detail).append(')');
        }
        if (hint != null) {
            sb.append(" (hint: ").append(hint).append(')');
        }
        if (position != NO_POSITION) {
            sb.append(" at position ").append(position);
        }
        return sb.toString();
    }
}
