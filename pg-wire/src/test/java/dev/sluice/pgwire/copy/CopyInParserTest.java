package dev.sluice.pgwire.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.common.SluiceException;
import dev.sluice.common.types.SqlType;
import dev.sluice.pgwire.engine.CopyOptions;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyInParserTest {
    private static List<String[]> parse(CopyOptions options, String data) {
        List<String[]> out = new ArrayList<>();
        CopyInParser p = new CopyInParser(options, r -> out.add(r.toStrings()));
        p.feed(data.getBytes(StandardCharsets.UTF_8));
        p.finish();
        return out;
    }

    private static void assertRecords(List<String[]> expected, List<String[]> actual) {
        assertEquals(expected.size(), actual.size(), "record count");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "record " + i + ": " + Arrays.toString(actual.get(i)));
        }
    }

    private static String[] r(String... fields) {
        return fields;
    }

    @Test
    void csvQuotesDelimitersNewlinesAndNulls() {
        assertRecords(
                List.<String[]>of(
                        r("1", "a,b"),
                        r("2", "multi\nline"),
                        r("3", null),
                        r("4", ""),
                        r("5", "say \"hi\""),
                        r("6", "abc,de"),
                        r(null, null)),
                parse(
                        CopyOptions.CSV,
                        "1,\"a,b\"\n2,\"multi\nline\"\n3,\n4,\"\"\r\n5,\"say \"\"hi\"\"\"\n6,ab\"c,d\"e\n,"));
    }

    @Test
    void csvHeaderAndEndMarker() {
        assertRecords(
                List.<String[]>of(r("1", "x")), parse(CopyOptions.CSV.withHeader(true), "id,name\n1,x\n\\.\n2,y\n"));
    }

    @Test
    void csvWithADistinctEscapeCharacter() {
        CopyOptions options = new CopyOptions(CopyOptions.Format.CSV, ',', "", false, '"', '\\');
        assertRecords(
                List.<String[]>of(r("1", "a\"b,c"), r("2", "back\\slash"), r("3", "x\\y")),
                parse(options, "1,\"a\\\"b,c\"\n2,\"back\\\\slash\"\n3,\"x\\y\"\n"));
    }

    @Test
    void csvUnterminatedQuoteIsRejected() {
        SluiceException e = assertThrows(SluiceException.class, () -> parse(CopyOptions.CSV, "1,\"open\n"));
        assertEquals("22P04", e.sqlState());
    }

    @Test
    void textEscapesNullsAndEndMarker() {
        assertRecords(
                List.<String[]>of(
                        r("1", "tab\there", null),
                        r("2", "new\nline", "back\\slash"),
                        r("3", "\u0001A", "x"),
                        r("4", "a\tb", "")),
                parse(
                        CopyOptions.TEXT,
                        "1\ttab\\there\t\\N\n2\tnew\\nline\tback\\\\slash\n3\t\\001\\x41\tx\n4\ta\\\tb\t\n\\.\n"));
    }

    @Test
    void utf8ContentSurvivesAnySplit() {
        String data = "1,\"héllo, wörld\"\n2,日本語\n3,\"ünïcödé\n\"\"q\"\"\"\n4,\n";
        List<String[]> whole = parse(CopyOptions.CSV, data);
        assertRecords(
                List.<String[]>of(r("1", "héllo, wörld"), r("2", "日本語"), r("3", "ünïcödé\n\"q\""), r("4", null)),
                whole);
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            List<String[]> out = new ArrayList<>();
            CopyInParser p = new CopyInParser(CopyOptions.CSV, rec -> out.add(rec.toStrings()));
            int at = 0;
            while (at < bytes.length) {
                int n = Math.min(bytes.length - at, 1 + random.nextInt(7));
                // feed from a larger array at an offset, as a real message buffer would be
                byte[] chunk = new byte[n + 4];
                System.arraycopy(bytes, at, chunk, 2, n);
                p.feed(chunk, 2, n);
                at += n;
            }
            p.finish();
            assertEquals(whole.size(), out.size(), "seed " + seed);
            for (int i = 0; i < whole.size(); i++) {
                assertArrayEquals(whole.get(i), out.get(i), "seed " + seed);
            }
        }
    }

    @Test
    void lastLineWithoutNewline() {
        assertRecords(List.<String[]>of(r("1", "a"), r("2", "b")), parse(CopyOptions.TEXT, "1\ta\n2\tb"));
    }

    @Test
    void nonAsciiDelimiterIsRejected() {
        SluiceException e = assertThrows(
                SluiceException.class, () -> new CopyInParser(CopyOptions.CSV.withDelimiter('é'), r -> {}));
        assertEquals("22023", e.sqlState());
    }

    @Test
    void integersDecodeLikeTextCodecOnEveryPath() {
        String[] inputs = {
            "0",
            "-1",
            "127",
            "-32768",
            "32767",
            "32768",
            "2147483647",
            "2147483648",
            "-2147483649",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775808",
            "123456789012345678",
            "1234567890123456789",
            " 42 ",
            "+7",
            "1e3",
            "abc",
            "",
            "-",
            "0x10",
            "٣"
        };
        for (SqlType type : List.of(SqlType.SMALLINT, SqlType.INT, SqlType.BIGINT)) {
            for (String in : inputs) {
                Object expected;
                String expectedState = null;
                try {
                    expected = dev.sluice.pgwire.types.TextCodec.decode(in, type, ZoneOffset.UTC);
                } catch (SluiceException e) {
                    expected = e.getMessage();
                    expectedState = e.sqlState();
                }
                List<Object> got = new ArrayList<>();
                CopyInParser p = new CopyInParser(CopyOptions.CSV, rec -> {
                    try {
                        got.add(CopyValueDecoder.decode(rec, 1, type, ZoneOffset.UTC));
                    } catch (SluiceException e) {
                        got.add(e.getMessage());
                        got.add(e.sqlState());
                    }
                });
                p.feed(("x,\"" + in + "\"\nx," + in + "\n").getBytes(StandardCharsets.UTF_8));
                p.finish();
                List<Object> want = expectedState == null
                        ? List.of(expected, expected)
                        : List.of(expected, expectedState, expected, expectedState);
                if (in.isEmpty()) { // unquoted empty = NULL in csv
                    want = expectedState == null
                            ? Arrays.asList(expected, null)
                            : Arrays.asList(expected, expectedState, null);
                }
                assertEquals(want, got, type + " " + in);
            }
        }
    }

    /** Random fields (delimiters, quotes, backslashes, newlines, non-ASCII, NULLs), encoded, split anywhere. */
    @Test
    void randomRecordsRoundTripInCsvAndText() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String alphabet = "abcdefghij0123456789,\t\"\\\n\r é日";
        for (CopyOptions options : List.of(CopyOptions.CSV, CopyOptions.TEXT)) {
            List<String[]> expected = new ArrayList<>();
            StringBuilder data = new StringBuilder();
            for (int r = 0; r < 300; r++) {
                String[] fields = new String[1 + random.nextInt(4)];
                for (int f = 0; f < fields.length; f++) {
                    if (random.nextInt(10) == 0) {
                        continue; // NULL
                    }
                    StringBuilder v = new StringBuilder();
                    int n = random.nextInt(random.nextBoolean() ? 4 : 40);
                    for (int k = 0; k < n; k++) {
                        v.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : 'x');
                    }
                    fields[f] = v.toString();
                }
                expected.add(fields);
                for (int f = 0; f < fields.length; f++) {
                    if (f > 0) {
                        data.append(options.delimiter());
                    }
                    data.append(options == CopyOptions.CSV ? csv(fields[f]) : text(fields[f]));
                }
                data.append('\n');
            }
            byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
            List<String[]> out = new ArrayList<>();
            CopyInParser p = new CopyInParser(options, rec -> out.add(rec.toStrings()));
            for (int at = 0; at < bytes.length; ) {
                int n = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 16 : 400));
                p.feed(Arrays.copyOfRange(bytes, at, at + n));
                at += n;
            }
            p.finish();
            assertEquals(expected.size(), out.size(), options.format() + " seed " + seed);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), out.get(i), options.format() + " record " + i + " seed " + seed);
            }
        }
    }

    private static String csv(String v) {
        if (v == null) {
            return "";
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private static String text(String v) {
        if (v == null) {
            return "\\N";
        }
        return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    @Test
    void asciiDetection() {
        List<Boolean> got = new ArrayList<>();
        CopyInParser p = new CopyInParser(CopyOptions.CSV, rec -> {
            for (int i = 0; i < rec.size(); i++) {
                got.add(rec.isAscii(i));
            }
        });
        p.feed("0123456789abcdefXYZ,0123456789abcdefXYé,é,\"q\"\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(true, false, false, true), got);
    }
}
