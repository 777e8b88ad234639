package dev.sluice.pgwire.session;

import static dev.sluice.pgwire.session.WireHarness.bind;
import static dev.sluice.pgwire.session.WireHarness.close;
import static dev.sluice.pgwire.session.WireHarness.concat;
import static dev.sluice.pgwire.session.WireHarness.copyData;
import static dev.sluice.pgwire.session.WireHarness.copyDone;
import static dev.sluice.pgwire.session.WireHarness.describe;
import static dev.sluice.pgwire.session.WireHarness.execute;
import static dev.sluice.pgwire.session.WireHarness.flush;
import static dev.sluice.pgwire.session.WireHarness.parse;
import static dev.sluice.pgwire.session.WireHarness.query;
import static dev.sluice.pgwire.session.WireHarness.sync;
import static dev.sluice.pgwire.session.WireHarness.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.pgwire.protocol.PgFrameDecoder;
import dev.sluice.pgwire.session.WireHarness.Msg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The session state machine over Netty's EmbeddedChannel: startup, simple and extended query, COPY. */
class WireProtocolTest {

    @Test
    void startupSendsParametersKeyDataAndReady() {
        try (WireHarness h = new WireHarness()) {
            List<Msg> reply = h.startup();
            assertEquals('R', reply.get(0).type());
            Map<String, String> params = new LinkedHashMap<>();
            for (Msg m : reply) {
                if (m.type() == 'S') {
                    String[] kv = m.text().split("\0");
                    params.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
            assertEquals("15.0", params.get("server_version"));
            assertEquals("UTF8", params.get("client_encoding"));
            assertEquals("ISO, MDY", params.get("DateStyle"));
            assertEquals("on", params.get("integer_datetimes"));
            assertEquals("on", params.get("standard_conforming_strings"));
            assertEquals("on", params.get("is_superuser"));
            assertEquals("sluice", params.get("session_authorization"));
            String t = types(reply);
            assertTrue(t.endsWith("KZ"), t);
            assertEquals("I", reply.get(reply.size() - 1).text());
        }
    }

    @Test
    void sslAndGssRequestsAreRefusedThenStartupWorks() {
        try (WireHarness h = new WireHarness()) {
            h.send(WireHarness.untyped(PgFrameDecoder.GSSENC_REQUEST_CODE));
            assertEquals("N", h.rawReceived());
            h.send(WireHarness.untyped(PgFrameDecoder.SSL_REQUEST_CODE));
            assertEquals("N", h.rawReceived());
            String t = types(h.startup());
            assertTrue(t.endsWith("KZ"), t);
        }
    }

    @Test
    void newerMinorVersionGetsNegotiateProtocolVersion() {
        try (WireHarness h = new WireHarness()) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("user", "sluice");
            p.put("_pq_.fancy", "1");
            h.send(WireHarness.startupMessage((3 << 16) | 2, p));
            List<Msg> reply = h.received();
            assertEquals('v', reply.get(0).type());
            assertTrue(reply.get(0).text().contains("_pq_.fancy"));
            assertTrue(types(reply).endsWith("KZ"));
        }
    }

    @Test
    void unknownDatabaseIsFatal3D000() {
        try (WireHarness h = new WireHarness()) {
            h.send(WireHarness.startupMessage(196608, Map.of("user", "sluice", "database", "other")));
            List<Msg> reply = h.received();
            assertEquals("E", types(reply));
            assertEquals("3D000", reply.get(0).field('C'));
            assertEquals("FATAL", reply.get(0).field('S'));
            assertTrue(!h.channel.isActive());
        }
    }

    @Test
    void simpleQueryWithSeveralStatements() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            h.send(query("SELECT 1; SELECT 2;"));
            List<Msg> r = h.received();
            assertEquals("TDCTDCZ", types(r));
            assertEquals("SELECT 1\0", r.get(2).text());
        }
    }

    @Test
    void anErrorStopsTheRestOfASimpleQuery() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            h.send(query("SELECT 1;\n  BOGUS stuff; SELECT 2"));
            List<Msg> r = h.received();
            assertEquals("TDCEZ", types(r));
            assertEquals("42601", r.get(3).field('C'));
            assertEquals("ERROR", r.get(3).field('V'));
            assertEquals("13", r.get(3).field('P'), "position is relative to the whole query string");
        }
    }

    @Test
    void emptyAndCommentOnlyQueries() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            for (String q : new String[] {"", ";", "-- ping", "/* nothing */ ;"}) {
                h.send(query(q));
                assertEquals("IZ", types(h.received()), q);
            }
        }
    }

    @Test
    void extendedQueryWithRowLimitSuspendsThePortal() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            h.send(concat(
                    parse("s1", "SELECT generate_series(1, 5)"),
                    bind("p1", "s1", List.of()),
                    describe('P', "p1"),
                    execute("p1", 2),
                    flush()));
            assertEquals("12TDDs", types(h.received()));
            h.send(concat(execute("p1", 2), flush()));
            assertEquals("DDs", types(h.received()));
            h.send(concat(execute("p1", 2), sync()));
            List<Msg> last = h.received();
            assertEquals("DCZ", types(last));
            assertEquals("SELECT 1\0", last.get(1).text());
        }
    }

    @Test
    void exactlyExhaustedPortalAnswersSelect0Next() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            h.send(concat(parse("", "SELECT generate_series(1, 2)"), bind("", "", List.of()), execute("", 2), flush()));
            assertEquals("12DDs", types(h.received()));
            h.send(concat(execute("", 2), sync()));
            List<Msg> r = h.received();
            assertEquals("CZ", types(r));
            assertEquals("SELECT 0\0", r.get(0).text());
        }
    }

    @Test
    void describeStatementSendsParameterDescriptionThenRowsOrNoData() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            h.send(concat(
                    parse("q", "SELECT $1, $2", 23, 0),
                    describe('S', "q"),
                    parse("c", "CREATE TABLE x"),
                    describe('S', "c"),
                    sync()));
            List<Msg> r = h.received();
            assertEquals("1tT1tnZ", types(r));
        }
    }

    @Test
    void afterAnErrorEverythingUntilSyncIsSkipped() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            h.send(concat(
                    parse("", "BOGUS"),
                    bind("", "", List.of()),
                    execute("", 0),
                    query("SELECT 1"),
                    sync(),
                    query("SELECT 3")));
            List<Msg> r = h.received();
            assertEquals("EZTDCZ", types(r));
        }
    }

    @Test
    void parameterRoundTripInText() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            h.send(concat(
                    parse("", "SELECT $1, $2", 23, 25), bind("", "", List.of("42", "hi")), execute("", 0), sync()));
            List<Msg> r = h.received();
            assertEquals("12DCZ", types(r));
            assertTrue(r.get(2).text().contains("42") && r.get(2).text().contains("hi"));
        }
    }

    @Test
    void wrongParameterCountIsAnErrorNotADisconnect() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            h.send(concat(parse("", "SELECT $1, $2", 23, 25), bind("", "", List.of("1")), execute("", 0), sync()));
            List<Msg> r = h.received();
            assertEquals("1EZ", types(r));
            assertEquals("08P01", r.get(1).field('C'));
            assertTrue(h.channel.isActive());
        }
    }

    @Test
    void deferredInsertsAreCompletedBeforeTheClientSeesThem() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            // A pipeline of three INSERTs: written together, before BindComplete/CommandComplete go out.
            h.send(concat(
                    parse("ins", "INSERT INTO t VALUES ($1, $2)", 23, 25),
                    bind("", "ins", List.of("1", "a")),
                    execute("", 0),
                    bind("", "ins", List.of("2", "b")),
                    execute("", 0),
                    bind("", "ins", List.of("3", "c")),
                    execute("", 0)));
            assertEquals("", types(h.received())); // nothing goes out before Sync or Flush
            assertEquals(List.of(), h.engine.table("t"));
            h.send(sync());
            assertEquals("12C2C2CZ", types(h.received()));
            assertEquals(3, h.engine.table("t").size());
            assertEquals(List.of(3), h.engine.deferredWrites);
            // An error in a pipeline: the INSERT before it is written before the ErrorResponse goes out.
            h.send(concat(
                    bind("", "ins", List.of("4", "d")),
                    execute("", 0),
                    bind("", "ins", List.of("five", "e")),
                    execute("", 0)));
            List<Msg> r = h.received();
            assertEquals("2CE", types(r));
            assertEquals("22P02", r.get(2).field('C'));
            assertEquals(4, h.engine.table("t").size());
            assertEquals(List.of(3, 1), h.engine.deferredWrites);
            h.send(sync());
            assertEquals("Z", types(h.received()));
            // A simple query does not defer.
            h.send(query("INSERT INTO t VALUES (6, 'f')"));
            assertEquals("CZ", types(h.received()));
            assertEquals(5, h.engine.table("t").size());
            assertEquals(List.of(3, 1), h.engine.deferredWrites);
        }
    }

    @Test
    void aDeferredWriteThatFailsIsReportedInPlaceOfItsAcknowledgementAndTheSessionGoesOn() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            // t's INSERT is written (a statement that does not defer completes it first); the two
            // INSERTs into unwritable are acknowledged, then their write fails at Sync.
            h.send(concat(
                    parse("ok", "INSERT INTO t VALUES ($1, $2)", 23, 25),
                    bind("", "ok", List.of("1", "a")),
                    execute("", 0),
                    parse("bad", "INSERT INTO unwritable VALUES ($1, $2)", 23, 25),
                    bind("", "bad", List.of("1", "a")),
                    execute("", 0),
                    bind("", "bad", List.of("2", "b")),
                    execute("", 0),
                    sync()));
            List<Msg> r = h.received();
            // ParseComplete/BindComplete of the first bad INSERT stay; its CommandComplete and all
            // after it are taken back; the error stands in its place, then ReadyForQuery.
            assertEquals("12C12EZ", types(r));
            assertEquals("ERROR", r.get(5).field('S'));
            assertEquals("58030", r.get(5).field('C'));
            assertTrue(h.channel.isActive());
            assertEquals(List.of(), h.engine.table("unwritable"));
            // The session goes on.
            h.send(query("INSERT INTO t VALUES (7, 'g')"));
            assertEquals("CZ", types(h.received()));
            assertEquals(2, h.engine.table("t").size());
        }
    }

    @Test
    void aDeferredWriteThatFailsWhenALaterStatementCompletesItFailsThePipelineThere() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            // The deferred INSERT, then a query, which completes the waiting write first (so it reads
            // it) and fails on it: the error stands in place of the INSERT's CommandComplete, and what
            // followed is taken back too (PostgreSQL would have skipped it after the error).
            h.send(concat(
                    parse("bad", "INSERT INTO unwritable VALUES ($1, $2)", 23, 25),
                    bind("", "bad", List.of("1", "a")),
                    execute("", 0),
                    parse("sel", "SELECT 1"),
                    bind("", "sel", List.of()),
                    execute("", 0),
                    sync()));
            List<Msg> r = h.received();
            assertEquals("12EZ", types(r));
            assertEquals("58030", r.get(2).field('C'));
            assertTrue(h.channel.isActive());
        }
    }

    @Test
    void badParameterTextIs22P02() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            h.send(concat(parse("", "SELECT $1", 23), bind("", "", List.of("forty")), execute("", 0), sync()));
            List<Msg> r = h.received();
            assertEquals("1EZ", types(r));
            assertEquals("22P02", r.get(1).field('C'));
        }
    }

    @Test
    void duplicateNamedStatementIs42P05AndClosingUnknownIsFine() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            h.send(concat(
                    parse("a", "SELECT 1"),
                    sync(),
                    parse("a", "SELECT 2"),
                    sync(),
                    close('S', "zz"),
                    close('P', "zz"),
                    sync()));
            List<Msg> r = h.received();
            assertEquals("1ZEZ33Z", types(r));
            assertEquals("42P05", r.get(2).field('C'));
        }
    }

    @Test
    void transactionStatusFollowsBeginErrorAndRollback() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            h.send(query("BEGIN"));
            assertEquals("T", last(h.received()).text());
            h.send(query("BOGUS"));
            assertEquals("E", last(h.received()).text());
            h.send(query("SELECT 1"));
            List<Msg> r = h.received();
            assertEquals("25P02", r.get(0).field('C'));
            h.send(query("COMMIT"));
            r = h.received();
            assertEquals("ROLLBACK\0", r.get(0).text());
            assertEquals("I", last(r).text());
        }
    }

    @Test
    void copyFromStdinAcrossArbitraryChunks() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            h.send(query("COPY ct FROM STDIN (FORMAT csv, HEADER true)"));
            assertEquals("G", types(h.received()));
            String data = "id,name\n1,\"a,b\"\n2,\"multi\nline\"\n3,\n";
            for (int i = 0; i < data.length(); i += 3) {
                h.send(copyData(data.substring(i, Math.min(data.length(), i + 3))));
            }
            h.send(concat(copyDone()));
            List<Msg> r = h.received();
            assertEquals("CZ", types(r));
            assertEquals("COPY 3\0", r.get(0).text());
            assertEquals("a,b", h.engine.table("ct").get(0).get(1));
            assertEquals("multi\nline", h.engine.table("ct").get(1).get(1));
            assertEquals(null, h.engine.table("ct").get(2).get(1));
        }
    }

    @Test
    void copyToStdoutOfAFiniteQuery() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            h.send(query("COPY (SELECT generate_series(1, 3)) TO STDOUT"));
            List<Msg> r = h.received();
            assertEquals("HdddcCZ", types(r));
            assertEquals("2\n", r.get(2).text());
            assertEquals("COPY 3\0", r.get(5).text());
        }
    }

    @Test
    void cursorsDeclareFetchClose() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            h.send(query("BEGIN; DECLARE c CURSOR FOR SELECT generate_series(1, 5); FETCH 2 FROM c"));
            List<Msg> r = h.received();
            assertEquals("CCTDDCZ", types(r));
            assertEquals("FETCH 2\0", r.get(5).text());
            h.send(query("FETCH 10 FROM c; CLOSE c; COMMIT"));
            r = h.received();
            assertEquals("TDDDCCCZ", types(r));
            assertEquals("FETCH 3\0", r.get(4).text());
            h.send(query("FETCH 1 FROM c"));
            assertEquals("34000", h.received().get(0).field('C'));
        }
    }

    @Test
    void cancelRequestNeedsTheRightSecretAndEndsTheQueryWith57014() {
        try (WireHarness a = new WireHarness()) {
            List<Msg> startup = a.startup();
            Msg key = startup.stream().filter(m -> m.type() == 'K').findFirst().orElseThrow();
            io.netty.buffer.ByteBuf k = io.netty.buffer.Unpooled.wrappedBuffer(key.body());
            int pid = k.readInt();
            int secret = k.readInt();
            a.send(query("SELECT * FROM stall EMIT CHANGES"));
            assertEquals("TN", types(a.received()), "rows would stream; none yet");
            try (WireHarness b = a.another()) {
                b.send(cancel(pid, secret + 1));
                assertTrue(!b.channel.isActive(), "cancel connections close without a reply");
            }
            assertEquals("", types(a.received()), "a wrong secret cancels nothing");
            try (WireHarness c = a.another()) {
                c.send(cancel(pid, secret));
            }
            List<Msg> r = a.received();
            assertEquals("EZ", types(r));
            assertEquals("57014", r.get(0).field('C'));
            assertEquals("canceling statement due to user request", r.get(0).field('M'));
            assertEquals(0, a.engine.openSources.get());
        }
    }

    private static byte[] cancel(int pid, int secret) {
        io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer();
        b.writeInt(16)
                .writeInt(PgFrameDecoder.CANCEL_REQUEST_CODE)
                .writeInt(pid)
                .writeInt(secret);
        byte[] out = new byte[16];
        b.readBytes(out);
        return out;
    }

    @Test
    void messagesSplitAtArbitraryBoundariesGiveTheSameAnswers() {
        byte[] script = concat(
                WireHarness.startupMessage(196608, Map.of("user", "sluice", "database", "sluice")),
                query("SELECT 1; SELECT * FROM types"),
                parse("s", "SELECT $1, $2", 23, 25),
                bind("", "s", List.of("7", "x"), (short) 1),
                describe('P', ""),
                execute("", 0),
                sync());
        String expected;
        try (WireHarness h = new WireHarness()) {
            h.send(script);
            expected = dump(h.received());
        }
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 20; round++) {
            try (WireHarness h = new WireHarness()) {
                List<Msg> got = new ArrayList<>();
                int i = 0;
                while (i < script.length) {
                    int n = round == 0 ? 1 : 1 + random.nextInt(Math.min(40, script.length - i));
                    byte[] chunk = new byte[Math.min(n, script.length - i)];
                    System.arraycopy(script, i, chunk, 0, chunk.length);
                    h.send(chunk);
                    i += chunk.length;
                }
                got.addAll(h.received());
                assertEquals(
                        expected.replaceAll("K\\[[^\\]]*\\]", "K"),
                        dump(got).replaceAll("K\\[[^\\]]*\\]", "K"),
                        "seed " + seed);
            }
        }
    }

    private static String dump(List<Msg> msgs) {
        StringBuilder sb = new StringBuilder();
        for (Msg m : msgs) {
            sb.append(m.type())
                    .append('[')
                    .append(java.util.HexFormat.of().formatHex(m.body()))
                    .append(']');
        }
        return sb.toString();
    }

    private static Msg last(List<Msg> msgs) {
        return msgs.get(msgs.size() - 1);
    }
}
