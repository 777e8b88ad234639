package dev.sluice.shell;

import java.util.List;
import java.util.Locale;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

/**
 * The status line under a running push query: rows received, the rate, and how to stop. On a
 * terminal that can keep a line at the bottom (JLine {@link Status}, a scroll region) it stays
 * there while rows scroll above; elsewhere there is none, and the summary printed at the end says
 * the same.
 */
interface PushStatus extends AutoCloseable {
    /** Called for every row; implementations throttle their redraws. */
    void update(long rows, long elapsedNanos);

    @Override
    void close();

    /** Makes the status line for one push query. */
    interface Factory {
        PushStatus start();
    }

    PushStatus NOOP = new PushStatus() {
        @Override
        public void update(long rows, long elapsedNanos) {}

        @Override
        public void close() {}
    };

    Factory NONE = () -> NOOP;

    static String text(long rows, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? rows / seconds : 0;
        return String.format(
                Locale.ROOT, "%d %s received in %.1f s (%.1f rows/s)", rows, rows == 1 ? "row" : "rows", seconds, rate);
    }

    /** A JLine status bar on a real terminal, or {@link #NONE} when the terminal cannot show one. */
    static Factory forTerminal(Terminal terminal) {
        return () -> {
            Status status = Status.getStatus(terminal, true);
            if (status == null) {
                return NOOP;
            }
            return new PushStatus() {
                private long lastDraw;

                @Override
                public void update(long rows, long elapsedNanos) {
                    long now = System.nanoTime();
                    if (rows > 1 && now - lastDraw < 200_000_000L) {
                        return; // at most five redraws a second, however fast rows come
                    }
                    lastDraw = now;
                    status.update(List.of(new AttributedString(
                            text(rows, elapsedNanos) + " · press Ctrl-C to stop", AttributedStyle.DEFAULT.inverse())));
                }

                @Override
                public void close() {
                    status.update(List.of());
                    status.close();
                }
            };
        };
    }
}
