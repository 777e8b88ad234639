package dev.sluice.pgwire.session;

import static dev.sluice.pgwire.session.WireHarness.concat;
import static dev.sluice.pgwire.session.WireHarness.query;
import static dev.sluice.pgwire.session.WireHarness.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.pgwire.session.WireHarness.Msg;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Malformed input: each case must end the connection with a FATAL ErrorResponse (never hang, never
 * allocate the claimed length), and the server keeps serving other connections.
 */
class MalformedInputTest {

    private static Msg fatalAfter(WireHarness h, byte[] bytes) {
        h.send(bytes);
        List<Msg> r = h.received();
        Msg last = r.get(r.size() - 1);
        assertEquals('E', last.type(), types(r));
        assertEquals("FATAL", last.field('S'));
        assertFalse(h.channel.isActive(), "connection closed");
        return last;
    }

    private static void serverStillHealthy(WireHarness h) {
        try (WireHarness other = h.another()) {
            other.startup();
            other.send(query("SELECT 1"));
            assertEquals("TDCZ", types(other.received()));
        }
    }

    @Test
    void unknownMessageType() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            ByteBuf b = Unpooled.buffer().writeByte('!').writeInt(4);
            Msg e = fatalAfter(h, bytes(b));
            assertEquals("08P01", e.field('C'));
            assertTrue(e.field('M').contains("'!'"));
            serverStillHealthy(h);
        }
    }

    @Test
    void lengthBelowFour() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            assertEquals(
                    "08P01",
                    fatalAfter(h, bytes(Unpooled.buffer().writeByte('Q').writeInt(2)))
                            .field('C'));
        }
    }

    @Test
    void messageLargerThanTheLimitIsRefusedBeforeItIsBuffered() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            Msg e = fatalAfter(h, bytes(Unpooled.buffer().writeByte('Q').writeInt(Integer.MAX_VALUE)));
            assertEquals("54000", e.field('C'));
            serverStillHealthy(h);
        }
    }

    @Test
    void truncatedBodyInsideTheFrame() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            // Execute whose body has a portal name but no Int32 row limit
            ByteBuf body = Unpooled.buffer().writeByte(0);
            Msg e = fatalAfter(h, WireHarness.typed('E', body));
            assertEquals("08P01", e.field('C'));
        }
    }

    @Test
    void stringWithoutTerminator() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            Msg e = fatalAfter(h, WireHarness.typed('Q', Unpooled.wrappedBuffer("SELECT 1".getBytes())));
            assertEquals("08P01", e.field('C'));
        }
    }

    @Test
    void bindParameterLongerThanTheMessage() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            ByteBuf body = Unpooled.buffer();
            body.writeByte(0)
                    .writeByte(0)
                    .writeShort(0)
                    .writeShort(1)
                    .writeInt(1000)
                    .writeByte(1);
            assertEquals("08P01", fatalAfter(h, WireHarness.typed('B', body)).field('C'));
        }
    }

    @Test
    void badStartupLength() {
        try (WireHarness h = new WireHarness()) {
            Msg e = fatalAfter(h, bytes(Unpooled.buffer().writeInt(1_000_000).writeInt(196608)));
            assertEquals("08P01", e.field('C'));
            serverStillHealthy(h);
        }
    }

    @Test
    void unsupportedProtocolVersion() {
        try (WireHarness h = new WireHarness()) {
            Msg e = fatalAfter(h, WireHarness.startupMessage(2 << 16, Map.of("user", "sluice")));
            assertEquals("0A000", e.field('C'));
        }
    }

    @Test
    void queryBeforeStartupIsAProtocolViolation() {
        try (WireHarness h = new WireHarness()) {
            // the startup state reads this as a startup packet of absurd length
            Msg e = fatalAfter(h, query("SELECT 1"));
            assertEquals("08P01", e.field('C'));
        }
    }

    @Test
    void truncatedFrameThenDisconnectLeavesNothingBehind() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            byte[] q = query("SELECT 1");
            h.send(java.util.Arrays.copyOf(q, q.length - 3));
            assertEquals("", types(h.received()), "waits for the rest of the frame");
            h.channel.close();
            assertEquals(0, h.context.registry().connectionCount());
            serverStillHealthy(h);
        }
    }

    @Test
    void terminateClosesQuietly() {
        try (WireHarness h = new WireHarness()) {
            h.startup();
            h.send(concat(WireHarness.typed('X', Unpooled.buffer())));
            assertFalse(h.channel.isActive());
        }
    }

    private static byte[] bytes(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }
}
