package dev.sluice.pgwire.copy;

import dev.sluice.pgwire.engine.CopyOptions;
import java.util.List;

/** Formats one row of {@code COPY ... TO STDOUT} as a text or csv line (with its newline). */
public final class CopyOutWriter {
    private final CopyOptions options;

    public CopyOutWriter(CopyOptions options) {
        this.options = options;
    }

    /** @param values the text form of each value, null for SQL NULL */
    public String line(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(options.delimiter());
            }
            String v = values.get(i);
            if (v == null) {
                sb.append(options.nullString());
            } else if (options.format() == CopyOptions.Format.CSV) {
                appendCsv(sb, v);
            } else {
                appendText(sb, v);
            }
        }
        return sb.append('\n').toString();
    }

    private void appendText(StringBuilder sb, String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == options.delimiter()) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
    }

    private void appendCsv(StringBuilder sb, String v) {
        boolean quote = v.isEmpty() || v.equals(options.nullString());
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == options.delimiter() || c == options.quote() || c == '\n' || c == '\r';
        }
        if (!quote) {
            sb.append(v);
            return;
        }
        sb.append(options.quote());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == options.quote() || c == options.escape()) {
                sb.append(options.escape());
            }
            sb.append(c);
        }
        sb.append(options.quote());
    }
}
