package dev.sluice.pgwire.copy;

import dev.sluice.common.types.SqlType;
import dev.sluice.pgwire.types.TextCodec;
import java.time.ZoneId;

/**
 * Decodes a COPY field into the Java class of its column's type, like {@link TextCodec#decode}
 * (which defines the result and every error), with a fast path for the common ingest fields:
 * integers straight from the UTF-8 bytes, text without a detour. Anything unusual (a sign other
 * than '-', spaces, too many digits, a bad character) goes to {@link TextCodec#decode}, so errors
 * (22P02, 22003) and their messages are the same on both paths.
 */
public final class CopyValueDecoder {
    private CopyValueDecoder() {}

    /** Field {@code i} of {@code record} as a value of {@code type}; null for SQL NULL. */
    public static Object decode(CopyRecord record, int i, SqlType type, ZoneId zone) {
        if (record.isNull(i)) {
            return null;
        }
        switch (type.kind()) {
            case VARCHAR, TEXT, JSONB:
                return record.text(i);
            case SMALLINT, INT, BIGINT:
                byte[] a = record.array(i);
                if (a != null) {
                    long v = parseLong(a, record.offset(i), record.length(i));
                    if (v != NOT_A_NUMBER) {
                        switch (type.kind()) {
                            case BIGINT:
                                return v;
                            case INT:
                                if (v == (int) v) {
                                    return (int) v;
                                }
                                break;
                            default:
                                if (v == (short) v) {
                                    return (short) v;
                                }
                        }
                    }
                }
                return TextCodec.decode(record.text(i), type, zone);
            default:
                return TextCodec.decode(record.text(i), type, zone);
        }
    }

    private static final long NOT_A_NUMBER = Long.MIN_VALUE;

    /**
     * An optional '-' and 1 to 18 ASCII digits (always within a long); {@link #NOT_A_NUMBER} for
     * anything else, which the slow path then parses or rejects.
     */
    static long parseLong(byte[] a, int offset, int length) {
        int i = offset;
        int end = offset + length;
        boolean negative = length > 0 && a[i] == '-';
        if (negative) {
            i++;
        }
        int digits = end - i;
        if (digits < 1 || digits > 18) {
            return NOT_A_NUMBER;
        }
        long v = 0;
        for (; i < end; i++) {
            int d = a[i] - '0';
            if (d < 0 || d > 9) {
                return NOT_A_NUMBER;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }
}
