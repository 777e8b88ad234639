package dev.sluice.pgwire.copy;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.pgwire.engine.CopyOptions;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns the byte stream of {@code COPY ... FROM STDIN} into records of fields (see {@link
 * CopyRecord}). CopyData messages may cut a line anywhere (pgjdbc sends 64 KiB chunks), so only
 * the bytes of a record that spans two messages are kept until it ends: at a newline in text
 * format, at a newline outside quotes in csv.
 *
 * <pre>
 * text: fields split by the delimiter (tab); \N is NULL; \t \n \r \\ \b \f \v \ooo \xhh escapes; "\." ends the data
 * csv:  fields split by the delimiter (comma); "quoted" fields may hold delimiters, newlines and "" quotes
 *       (or escape+quote and escape+escape when ESCAPE differs from QUOTE); an unquoted empty field is NULL;
 *       an optional header line is skipped
 * </pre>
 *
 * <p>Why bytes and not a String per line: this is the ingest hot path (docs/benchmarks.md, issue
 * 6). The special characters are all ASCII, and in UTF-8 no byte of a multi-byte character is
 * ASCII, so fields can be split on the bytes; a field is decoded only when asked for, and most
 * fields (no quotes, no backslash) are handed out as a range of the CopyData bytes themselves.
 *
 * <ol>
 *   <li>{@link #feed} scans for record ends, tracking quotes across messages the way PostgreSQL's
 *       {@code CopyReadLineText} does.
 *   <li>A complete record is split into fields in place ({@link #parseCsv}, {@link #parseText});
 *       only quoted csv fields are copied (unquoted) into a scratch array, only text fields with a
 *       backslash become Strings.
 * </ol>
 */
public final class CopyInParser {
    private final boolean csv;
    private final byte delimiter;
    private final byte quote;
    private final byte escape;
    /** In csv, an escape character that differs from the quote (PostgreSQL ignores it otherwise). */
    private final boolean distinctEscape;

    private static final byte NEWLINE = '\n';
    private static final byte BACKSLASH = '\\';
    private final long newlines = ByteScan.pattern(NEWLINE);
    private final long backslashes = ByteScan.pattern(BACKSLASH);
    private final long delimiters;
    private final long quotes;

    private final byte[] nullBytes;
    private final Consumer<CopyRecord> records;
    private final CopyRecord record = new CopyRecord();
    /** The start of a record that the previous CopyData messages did not finish. */
    private byte[] pending = new byte[256];

    private int pendingLength;
    /** Unquoted copies of quoted csv fields of the current record. */
    private byte[] scratch = new byte[256];

    private int scratchLength;
    private boolean inQuotes;
    private boolean lastWasEscape;
    private boolean headerPending;
    private boolean ended;
    private long line;

    public CopyInParser(CopyOptions options, Consumer<CopyRecord> records) {
        if (options.format() == CopyOptions.Format.BINARY) {
            throw SluiceException.notSupported("COPY FROM STDIN in binary format");
        }
        this.csv = options.format() == CopyOptions.Format.CSV;
        this.delimiter = oneByte(options.delimiter(), "delimiter");
        this.quote = oneByte(options.quote(), "quote");
        this.escape = oneByte(options.escape(), "escape");
        this.distinctEscape = csv && escape != quote;
        this.delimiters = ByteScan.pattern(delimiter);
        this.quotes = ByteScan.pattern(quote);
        this.nullBytes = options.nullString().getBytes(StandardCharsets.UTF_8);
        this.records = records;
        this.headerPending = options.header();
    }

    private static byte oneByte(char c, String what) {
        if (c > 0x7f) {
            throw new SluiceException(
                    SqlState.INVALID_PARAMETER_VALUE, "COPY " + what + " must be a single one-byte character");
        }
        return (byte) c;
    }

    /** The 1-based line being parsed, for error context. */
    public long line() {
        return line;
    }

    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    public void feed(byte[] data, int offset, int length) {
        int end = offset + length;
        int start = offset;
        if (distinctEscape) {
            boolean q = inQuotes;
            boolean esc = lastWasEscape;
            for (int i = offset; i < end; i++) {
                byte b = data[i];
                // CopyReadLineText: an escape only counts inside quotes and right before a quote,
                // and not as the second of an escape-escape pair.
                if (q && b == escape) {
                    esc = !esc;
                }
                if (b == quote && !esc) {
                    q = !q;
                }
                if (b != escape) {
                    esc = false;
                }
                if (b == '\n' && !q) {
                    endRecord(data, start, i);
                    start = i + 1;
                }
            }
            inQuotes = q;
            lastWasEscape = esc;
        } else if (csv) {
            boolean q = inQuotes;
            int i = offset;
            while (true) {
                // In quotes only the closing quote matters; a doubled quote toggles twice: still right.
                int j = q
                        ? ByteScan.indexOf(data, i, end, quote, quotes)
                        : ByteScan.indexOfEither(data, i, end, NEWLINE, newlines, quote, quotes);
                if (j == end) {
                    break;
                }
                if (data[j] == quote) {
                    q = !q;
                } else {
                    endRecord(data, start, j);
                    start = j + 1;
                }
                i = j + 1;
            }
            inQuotes = q;
        } else {
            int i = offset;
            while (true) {
                int j = ByteScan.indexOf(data, i, end, NEWLINE, newlines);
                if (j == end) {
                    break;
                }
                endRecord(data, start, j);
                start = j + 1;
                i = j + 1;
            }
        }
        appendPending(data, start, end - start);
    }

    /** CopyDone: a last line without a newline still counts. */
    public void finish() {
        if (pendingLength > 0) {
            int n = pendingLength;
            pendingLength = 0;
            parseRecord(pending, 0, n);
        }
    }

    private void endRecord(byte[] data, int start, int end) {
        if (pendingLength == 0) {
            parseRecord(data, start, end);
        } else {
            appendPending(data, start, end - start);
            int n = pendingLength;
            pendingLength = 0;
            parseRecord(pending, 0, n);
        }
    }

    private void appendPending(byte[] data, int start, int length) {
        if (length == 0) {
            return;
        }
        if (pending.length - pendingLength < length) {
            byte[] bigger = new byte[Math.max(pending.length * 2, pendingLength + length)];
            System.arraycopy(pending, 0, bigger, 0, pendingLength);
            pending = bigger;
        }
        System.arraycopy(data, start, pending, pendingLength, length);
        pendingLength += length;
    }

    private void parseRecord(byte[] a, int from, int to) {
        line++;
        if (to > from && a[to - 1] == '\r') {
            to--;
        }
        if (ended) {
            return;
        }
        if (to - from == 2 && a[from] == '\\' && a[from + 1] == '.') {
            ended = true;
            return;
        }
        if (headerPending) {
            headerPending = false;
            return;
        }
        record.clear();
        scratchLength = 0;
        if (csv) {
            parseCsv(a, from, to);
        } else {
            parseText(a, from, to);
        }
        records.accept(record);
    }

    private void parseCsv(byte[] a, int from, int to) {
        int i = from;
        while (true) {
            int fieldStart = i;
            i = ByteScan.indexOfEither(a, i, to, delimiter, delimiters, quote, quotes);
            if (i < to && a[i] == quote) {
                i = quotedCsvField(a, fieldStart, i, to);
            } else if (isNull(a, fieldStart, i - fieldStart)) {
                record.addNull();
            } else {
                record.addBytes(a, fieldStart, i - fieldStart);
            }
            if (i >= to) {
                return;
            }
            i++; // the delimiter
        }
    }

    /**
     * A csv field with quotes, from {@code fieldStart} (the first quote is at {@code i}): copies it
     * without its quotes and escapes into {@link #scratch}. Returns where it ends (a delimiter or
     * {@code to}). A field that had quotes is never NULL.
     */
    private int quotedCsvField(byte[] a, int fieldStart, int i, int to) {
        int need = to - fieldStart; // unquoting only shrinks
        if (scratch.length - scratchLength < need) {
            // Fields already added keep pointing into the old array, which stays as it is.
            scratch = new byte[Math.max(scratch.length * 2, need)];
            scratchLength = 0;
        }
        byte[] s = scratch;
        int start = scratchLength;
        int n = start;
        System.arraycopy(a, fieldStart, s, n, i - fieldStart);
        n += i - fieldStart;
        boolean quoted = false;
        for (; i < to; i++) {
            byte b = a[i];
            if (quoted) {
                if (b == escape && i + 1 < to && (a[i + 1] == quote || a[i + 1] == escape)) {
                    s[n++] = a[++i];
                } else if (b == quote) {
                    quoted = false;
                } else {
                    s[n++] = b;
                }
            } else if (b == quote) {
                quoted = true;
            } else if (b == delimiter) {
                break;
            } else {
                s[n++] = b;
            }
        }
        if (quoted) {
            throw new SluiceException(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field");
        }
        record.addBytes(s, start, n - start);
        scratchLength = n;
        return i;
    }

    private void parseText(byte[] a, int from, int to) {
        int i = from;
        while (true) {
            int fieldStart = i;
            boolean escaped = false;
            while (true) {
                i = ByteScan.indexOfEither(a, i, to, delimiter, delimiters, BACKSLASH, backslashes);
                if (i >= to || a[i] == delimiter) {
                    break;
                }
                escaped = true;
                i += 2; // the escaped byte is never a delimiter
            }
            if (i > to) {
                i = to;
            }
            int length = i - fieldStart;
            if (isNull(a, fieldStart, length)) {
                record.addNull();
            } else if (escaped) {
                record.addString(unescapeText(new String(a, fieldStart, length, StandardCharsets.UTF_8)));
            } else {
                record.addBytes(a, fieldStart, length);
            }
            if (i >= to) {
                return;
            }
            i++; // the delimiter
        }
    }

    private boolean isNull(byte[] a, int start, int length) {
        if (length != nullBytes.length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (a[start + k] != nullBytes[k]) {
                return false;
            }
        }
        return true;
    }

    /** Resolves the backslash escapes of one text-format field. */
    private static String unescapeText(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i++);
            if (c != '\\' || i >= raw.length()) {
                sb.append(c);
                continue;
            }
            char e = raw.charAt(i++);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case 'x' -> {
                    int end = i;
                    while (end < raw.length() && end < i + 2 && Character.digit(raw.charAt(end), 16) >= 0) {
                        end++;
                    }
                    if (end == i) {
                        sb.append('x');
                    } else {
                        sb.append((char) Integer.parseInt(raw.substring(i, end), 16));
                        i = end;
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < raw.length() && end < i + 2 && raw.charAt(end) >= '0' && raw.charAt(end) <= '7') {
                            end++;
                        }
                        sb.append((char) Integer.parseInt(raw.substring(i - 1, end), 8));
                        i = end;
                    } else {
                        sb.append(e);
                    }
                }
            }
        }
        return sb.toString();
    }
}
