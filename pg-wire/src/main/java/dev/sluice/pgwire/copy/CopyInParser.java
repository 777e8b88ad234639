package dev.sluice.pgwire.copy;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.pgwire.engine.CopyOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the byte stream of {@code COPY ... FROM STDIN} into records of text fields (null for SQL
 * NULL). CopyData messages may cut a line anywhere (pgjdbc sends 64 KiB chunks), so bytes are kept
 * until a record ends: at a newline in text format, at a newline outside quotes in csv.
 *
 * <pre>
 * text: fields split by the delimiter (tab); \N is NULL; \t \n \r \\ \b \f \v \ooo \xhh escapes; "\." ends the data
 * csv:  fields split by the delimiter (comma); "quoted" fields may hold delimiters, newlines and "" quotes;
 *       an unquoted empty field is NULL; an optional header line is skipped
 * </pre>
 */
public final class CopyInParser {
    private final CopyOptions options;
    private final Consumer<String[]> records;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean inQuotes;
    private boolean headerPending;
    private boolean ended;
    private long line;

    public CopyInParser(CopyOptions options, Consumer<String[]> records) {
        if (options.format() == CopyOptions.Format.BINARY) {
            throw SluiceException.notSupported("COPY FROM STDIN in binary format");
        }
        this.options = options;
        this.records = records;
        this.headerPending = options.header();
    }

    /** The 1-based line being parsed, for error context. */
    public long line() {
        return line;
    }

    public void feed(byte[] data) {
        boolean csv = options.format() == CopyOptions.Format.CSV;
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (csv && b == options.quote()) {
                inQuotes = !inQuotes; // a doubled quote toggles twice: still right
            } else if (b == '\n' && !inQuotes) {
                pending.write(data, start, i - start);
                endRecord();
                start = i + 1;
            }
        }
        pending.write(data, start, data.length - start);
    }

    /** CopyDone: a last line without a newline still counts. */
    public void finish() {
        if (pending.size() > 0) {
            endRecord();
        }
    }

    private void endRecord() {
        byte[] bytes = pending.toByteArray();
        pending.reset();
        line++;
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        String text = new String(bytes, 0, len, StandardCharsets.UTF_8);
        if (ended) {
            return;
        }
        if (text.equals("\\.")) {
            ended = true;
            return;
        }
        if (headerPending) {
            headerPending = false;
            return;
        }
        records.accept(options.format() == CopyOptions.Format.CSV ? parseCsv(text) : parseText(text));
    }

    private String[] parseText(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean escaped = false;
        int i = 0;
        int fieldStart = 0;
        while (i <= text.length()) {
            if (i == text.length() || text.charAt(i) == options.delimiter()) {
                String raw = text.substring(fieldStart, i);
                fields.add(raw.equals(options.nullString()) ? null : escaped ? sb.toString() : raw);
                sb.setLength(0);
                escaped = false;
                fieldStart = ++i;
                continue;
            }
            char c = text.charAt(i++);
            if (c != '\\' || i >= text.length()) {
                sb.append(c);
                continue;
            }
            escaped = true;
            char e = text.charAt(i++);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case 'x' -> {
                    int end = i;
                    while (end < text.length() && end < i + 2 && Character.digit(text.charAt(end), 16) >= 0) {
                        end++;
                    }
                    if (end == i) {
                        sb.append('x');
                    } else {
                        sb.append((char) Integer.parseInt(text.substring(i, end), 16));
                        i = end;
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < text.length()
                                && end < i + 2
                                && text.charAt(end) >= '0'
                                && text.charAt(end) <= '7') {
                            end++;
                        }
                        sb.append((char) Integer.parseInt(text.substring(i - 1, end), 8));
                        i = end;
                    } else {
                        sb.append(e);
                    }
                }
            }
        }
        return fields.toArray(String[]::new);
    }

    private String[] parseCsv(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length()) {
                if (quoted) {
                    throw new SluiceException(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field");
                }
                fields.add(csvValue(sb, wasQuoted));
                break;
            }
            char c = text.charAt(i);
            if (quoted) {
                if (c == options.escape() && i + 1 < text.length() && text.charAt(i + 1) == options.quote()) {
                    sb.append(options.quote());
                    i++;
                } else if (c == options.quote()) {
                    quoted = false;
                } else {
                    sb.append(c);
                }
            } else if (c == options.quote()) {
                quoted = true;
                wasQuoted = true;
            } else if (c == options.delimiter()) {
                fields.add(csvValue(sb, wasQuoted));
                sb.setLength(0);
                wasQuoted = false;
            } else {
                sb.append(c);
            }
        }
        return fields.toArray(String[]::new);
    }

    private String csvValue(StringBuilder sb, boolean wasQuoted) {
        String v = sb.toString();
        return !wasQuoted && v.equals(options.nullString()) ? null : v;
    }
}
