package dev.sluice.pgwire.types;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;

/**
 * The binary NUMERIC layout: base-10000 digits.
 *
 * <pre>
 * Int16 ndigits | Int16 weight | Int16 sign (0x0000 +, 0x4000 -, 0xC000 NaN) | Int16 dscale | Int16 digit * ndigits
 * value = sum(digit[i] * 10000^(weight - i)), shown with dscale digits after the point
 * </pre>
 */
final class PgNumeric {
    private PgNumeric() {}

    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final int NAN = 0xC000;

    /** Writes the body (no length prefix). */
    static void write(ByteBuf out, BigDecimal value) {
        int dscale = Math.max(value.scale(), 0);
        String plain = value.abs().toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
        if (intPart.equals("0")) {
            intPart = "";
        }
        // pad the integer part on the left and the fraction on the right to whole base-10000 groups
        int intPad = (4 - intPart.length() % 4) % 4;
        int fracPad = (4 - fracPart.length() % 4) % 4;
        String digits = "0".repeat(intPad) + intPart + fracPart + "0".repeat(fracPad);
        int intGroups = (intPad + intPart.length()) / 4;
        int groups = digits.length() / 4;
        short[] g = new short[groups];
        for (int i = 0; i < groups; i++) {
            g[i] = Short.parseShort(digits.substring(i * 4, i * 4 + 4));
        }
        int first = 0;
        while (first < groups && g[first] == 0) {
            first++;
        }
        int last = groups;
        while (last > first && g[last - 1] == 0) {
            last--;
        }
        int ndigits = last - first;
        int weight = ndigits == 0 ? 0 : intGroups - 1 - first;
        out.writeShort(ndigits);
        out.writeShort(weight);
        out.writeShort(ndigits == 0 || value.signum() >= 0 ? POSITIVE : NEGATIVE);
        out.writeShort(dscale);
        for (int i = first; i < last; i++) {
            out.writeShort(g[i]);
        }
    }

    static BigDecimal read(ByteBuf in) {
        int ndigits = in.readUnsignedShort();
        int weight = in.readShort();
        int sign = in.readUnsignedShort();
        int dscale = in.readUnsignedShort();
        if (sign == NAN) {
            throw new SluiceException(SqlState.INVALID_BINARY_REPRESENTATION, "NaN is not a valid DECIMAL value");
        }
        if (sign != POSITIVE && sign != NEGATIVE) {
            throw new SluiceException(
                    SqlState.INVALID_BINARY_REPRESENTATION, "invalid sign in external \"numeric\" value");
        }
        java.math.BigInteger unscaled = java.math.BigInteger.ZERO;
        java.math.BigInteger base = java.math.BigInteger.valueOf(10000);
        for (int i = 0; i < ndigits; i++) {
            int d = in.readShort();
            if (d < 0 || d >= 10000) {
                throw new SluiceException(
                        SqlState.INVALID_BINARY_REPRESENTATION, "invalid digit in external \"numeric\" value");
            }
            unscaled = unscaled.multiply(base).add(java.math.BigInteger.valueOf(d));
        }
        // the digits so far represent value * 10000^(ndigits - 1 - weight)
        BigDecimal v = new BigDecimal(unscaled, 4 * (ndigits - 1 - weight));
        if (sign == NEGATIVE) {
            v = v.negate();
        }
        return v.setScale(dscale, java.math.RoundingMode.HALF_UP);
    }
}
