package dev.sluice.executor.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.common.Row;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowEncoderTest {
    private static byte[] encoded(RowEncoder e) {
        return Arrays.copyOf(e.array(), e.length());
    }

    @Test
    void writesTheBytesOfRowCodecForEveryType() {
        Schema schema = RowCodecTest.ALL_TYPES;
        Row row = RowCodecTest.sampleRow();
        RowEncoder e = new RowEncoder(schema);
        for (int round = 0; round < 2; round++) { // the buffer is reused
            e.begin();
            for (int i = 0; i < schema.size(); i++) {
                e.write(row.get(i));
            }
            assertArrayEquals(RowCodec.encode(schema, row), encoded(e));
        }
    }

    @Test
    void nullsLongsAndRawUtf8MatchRowCodec() {
        Schema schema = Schema.of(List.of(
                Column.of("id", SqlType.BIGINT),
                Column.of("n", SqlType.INT),
                Column.of("t", SqlType.TEXT),
                Column.of("j", SqlType.JSONB),
                Column.of("x", SqlType.TEXT)));
        String text = "héllo wörld, ".repeat(20);
        byte[] utf8 = ("--" + text + "--").getBytes(StandardCharsets.UTF_8);
        RowEncoder e = new RowEncoder(schema);
        e.begin();
        e.writeLong(-1234567890123L);
        e.writeLong(42);
        e.writeUtf8(utf8, 2, utf8.length - 4);
        e.writeUtf8("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 0, 7);
        e.writeNull();
        assertArrayEquals(RowCodec.encode(schema, Row.of(-1234567890123L, 42, text, "{\"a\":1}", null)), encoded(e));
    }

    @Test
    void refusesAWrongColumnCountOrKind() {
        Schema schema = Schema.of(List.of(Column.of("t", SqlType.TEXT), Column.of("n", SqlType.INT)));
        RowEncoder e = new RowEncoder(schema);
        e.begin();
        assertThrows(IllegalArgumentException.class, () -> e.writeLong(1));
        e.begin();
        e.writeNull();
        assertThrows(IllegalStateException.class, e::array);
        assertThrows(IllegalArgumentException.class, () -> e.writeUtf8(new byte[0], 0, 0));
        e.writeLong(7);
        assertThrows(IllegalStateException.class, e::writeNull);
        assertArrayEquals(RowCodec.encode(schema, Row.of(null, 7)), encoded(e));
    }
}
