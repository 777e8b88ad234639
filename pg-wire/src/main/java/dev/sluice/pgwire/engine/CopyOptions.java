package dev.sluice.pgwire.engine;

import java.util.Objects;

/**
 * The options of a COPY statement that shape the bytes on the wire (PostgreSQL's COPY options).
 *
 * @param format text, csv or binary (PostgreSQL's binary COPY format; the other options do not apply)
 * @param delimiter field separator: tab for text, comma for csv
 * @param nullString what NULL looks like: {@code \N} for text, the empty unquoted string for csv
 * @param header csv only: the first line names the columns (skipped on input, written on output)
 * @param quote csv quote character
 * @param escape csv escape character inside quotes (defaults to the quote)
 */
public record CopyOptions(Format format, char delimiter, String nullString, boolean header, char quote, char escape) {
    public enum Format {
        TEXT,
        CSV,
        BINARY
    }

    public static final CopyOptions TEXT = new CopyOptions(Format.TEXT, '\t', "\\N", false, '"', '"');
    public static final CopyOptions CSV = new CopyOptions(Format.CSV, ',', "", false, '"', '"');
    public static final CopyOptions BINARY = new CopyOptions(Format.BINARY, '\t', "", false, '"', '"');

    public CopyOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(nullString, "nullString");
    }

    public CopyOptions withHeader(boolean newHeader) {
        return new CopyOptions(format, delimiter, nullString, newHeader, quote, escape);
    }

    public CopyOptions withDelimiter(char newDelimiter) {
        return new CopyOptions(format, newDelimiter, nullString, header, quote, escape);
    }

    public CopyOptions withNullString(String newNull) {
        return new CopyOptions(format, delimiter, newNull, header, quote, escape);
    }
}
