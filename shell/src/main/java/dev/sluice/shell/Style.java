package dev.sluice.shell;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Colors for output. Renderers measure and pad plain text and only then style it, so colored and
 * plain output line up the same; scripts and tests get {@link #PLAIN}.
 */
interface Style {
    String nul(String text);

    String op(String op);

    String header(String text);

    String error(String text);

    String dim(String text);

    Style PLAIN = new Style() {
        @Override
        public String nul(String text) {
            return text;
        }

        @Override
        public String op(String op) {
            return op;
        }

        @Override
        public String header(String text) {
            return text;
        }

        @Override
        public String error(String text) {
            return text;
        }

        @Override
        public String dim(String text) {
            return text;
        }
    };

    /** ANSI colors, for a terminal that has them. */
    Style ANSI = new Style() {
        @Override
        public String nul(String text) {
            return ansi(text, AttributedStyle.DEFAULT.italic().faint());
        }

        @Override
        public String op(String op) {
            int color =
                    switch (op.trim()) {
                        case "+I" -> AttributedStyle.GREEN;
                        case "-U" -> AttributedStyle.YELLOW;
                        case "+U" -> AttributedStyle.CYAN;
                        case "-D" -> AttributedStyle.RED;
                        default -> -1;
                    };
            return color < 0 ? op : ansi(op, AttributedStyle.BOLD.foreground(color));
        }

        @Override
        public String header(String text) {
            return ansi(text, AttributedStyle.BOLD);
        }

        @Override
        public String error(String text) {
            return ansi(text, AttributedStyle.BOLD.foreground(AttributedStyle.RED));
        }

        @Override
        public String dim(String text) {
            return ansi(text, AttributedStyle.DEFAULT.faint());
        }

        private static String ansi(String text, AttributedStyle style) {
            return new AttributedString(text, style).toAnsi();
        }
    };
}
