package io.ticketmesh.platform.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitArray;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A payload's QR symbol at the error correction we print, under any of the eight masks, and the mask the standard's
 * penalty rules choose. ZXing encodes the payload once, with mask 0; the symbol under another mask is that one with
 * its data modules flipped where the two masks differ (known by version, computed once) and its format information
 * written for the other mask. So the choice costs eight cheap copies and scorings ({@link MaskPenalty}), where ZXing
 * builds the symbol eight times and scores each a module at a time (two thirds of drawing a code before).
 * {@code QrSymbolTest} checks every mask's modules, the choice and the image against ZXing's.
 */
final class QrSymbol {
    static final int MASKS = 8;
    private static final ErrorCorrectionLevel LEVEL = ErrorCorrectionLevel.M;
    private static final int QUIET_ZONE = 2;
    /** Where the first copy of the format information's 15 bits goes, least significant bit first, as (x, y). */
    private static final int[][] FORMAT_FIRST_COPY = {{8, 0}, {8, 1}, {8, 2}, {8, 3}, {8, 4}, {8, 5}, {8, 7}, {8, 8},
            {7, 8}, {5, 8}, {4, 8}, {3, 8}, {2, 8}, {1, 8}, {0, 8}};
    private static final int FORMAT_GENERATOR = 0x537;
    private static final int FORMAT_XOR = 0x5412;

    /** By version: for each mask, the data modules it flips that mask 0 does not, or the reverse (rows packed as below). */
    private static final AtomicReferenceArray<long[][][]> FLIPS_FROM_MASK_ZERO = new AtomicReferenceArray<>(41);

    private final int side;
    private final long[][] underMaskZero;
    private final long[][][] flipsFromMaskZero;

    private QrSymbol(int side, long[][] underMaskZero, long[][][] flipsFromMaskZero) {
        this.side = side;
        this.underMaskZero = underMaskZero;
        this.flipsFromMaskZero = flipsFromMaskZero;
    }

    static QrSymbol of(String payload) throws WriterException {
        var code = Encoder.encode(payload, LEVEL, Map.of(EncodeHintType.QR_MASK_PATTERN, 0));
        ByteMatrix matrix = code.getMatrix();
        int side = matrix.getWidth();
        long[][] rows = new long[side][words(side)];
        for (int y = 0; y < side; y++) {
            byte[] row = matrix.getArray()[y];
            for (int x = 0; x < side; x++) {
                rows[y][x >> 6] |= (long) row[x] << x;
            }
        }
        return new QrSymbol(side, rows, flipsFromMaskZero(code.getVersion()));
    }

    /** The mask with the lowest penalty, the first of them on a tie. */
    int chosenMask() {
        int best = 0;
        int lowest = Integer.MAX_VALUE;
        for (int mask = 0; mask < MASKS; mask++) {
            int penalty = MaskPenalty.of(rows(mask), side);
            if (penalty < lowest) {
                lowest = penalty;
                best = mask;
            }
        }
        return best;
    }

    /** The symbol under the mask, a row a line, 64 modules a word: bit x of row y is the module at column x, set when dark. */
    long[][] rows(int mask) {
        long[][] rows = new long[side][];
        for (int y = 0; y < side; y++) {
            rows[y] = underMaskZero[y].clone();
            for (int w = 0; w < rows[y].length; w++) {
                rows[y][w] ^= flipsFromMaskZero[mask][y][w];
            }
        }
        writeFormat(rows, mask);
        return rows;
    }

    /** The symbol drawn at sizePx (or its least size) with a quiet zone of two modules, centred as ZXing draws it. */
    BitMatrix image(int mask, int sizePx) {
        long[][] rows = rows(mask);
        int outer = Math.max(sizePx, side + 2 * QUIET_ZONE);
        int scale = outer / (side + 2 * QUIET_ZONE);
        int padding = (outer - side * scale) / 2;
        BitMatrix image = new BitMatrix(outer, outer);
        for (int y = 0; y < side; y++) {
            BitArray line = new BitArray(outer);
            for (int w = 0; w < rows[y].length; w++) {
                for (long dark = rows[y][w]; dark != 0; dark &= dark - 1) {
                    int x = padding + (w * 64 + Long.numberOfTrailingZeros(dark)) * scale;
                    line.setRange(x, x + scale);
                }
            }
            for (int repeat = 0; repeat < scale; repeat++) {
                image.setRow(padding + y * scale + repeat, line); // copies the line's bits
            }
        }
        return image;
    }

    /** Whether {@code modules} (one bit a module, as a detector samples them) is the symbol under the mask, module for module. */
    boolean sameModules(BitMatrix modules, int mask) {
        if (modules.getWidth() != side || modules.getHeight() != side) {
            return false;
        }
        long[][] rows = rows(mask);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                if (modules.get(x, y) != ((rows[y][x >> 6] >>> x & 1) == 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The mask patterns of ISO/IEC 18004 table 10: whether the mask flips the data module at column x, row y. */
    static boolean darkens(int mask, int x, int y) {
        return switch (mask) {
            case 0 -> (x + y) % 2 == 0;
            case 1 -> y % 2 == 0;
            case 2 -> x % 3 == 0;
            case 3 -> (x + y) % 3 == 0;
            case 4 -> (y / 2 + x / 3) % 2 == 0;
            case 5 -> (x * y) % 2 + (x * y) % 3 == 0;
            case 6 -> ((x * y) % 2 + (x * y) % 3) % 2 == 0;
            case 7 -> ((x * y) % 3 + (x + y) % 2) % 2 == 0;
            default -> throw new IllegalArgumentException("no mask " + mask);
        };
    }

    /** Both copies of the format information (the error correction level and the mask, BCH coded). */
    private void writeFormat(long[][] rows, int mask) {
        int info = LEVEL.getBits() << 3 | mask;
        int remainder = info << 10;
        for (int bit = 14; bit >= 10; bit--) {
            if ((remainder >> bit & 1) == 1) {
                remainder ^= FORMAT_GENERATOR << (bit - 10);
            }
        }
        int format = (info << 10 | remainder) ^ FORMAT_XOR;
        for (int i = 0; i < 15; i++) {
            boolean dark = (format >> i & 1) == 1;
            set(rows, FORMAT_FIRST_COPY[i][0], FORMAT_FIRST_COPY[i][1], dark);
            if (i < 8) {
                set(rows, side - 1 - i, 8, dark);
            } else {
                set(rows, 8, side - 15 + i, dark);
            }
        }
    }

    private static void set(long[][] rows, int x, int y, boolean dark) {
        if (dark) {
            rows[y][x >> 6] |= 1L << x;
        } else {
            rows[y][x >> 6] &= ~(1L << x);
        }
    }

    private static int words(int side) {
        return (side + 63) / 64;
    }

    private static long[][][] flipsFromMaskZero(Version version) {
        long[][][] flips = FLIPS_FROM_MASK_ZERO.get(version.getVersionNumber());
        if (flips == null) {
            int side = version.getDimensionForVersion();
            boolean[] data = dataModules(version);
            flips = new long[MASKS][side][words(side)];
            for (int mask = 0; mask < MASKS; mask++) {
                for (int y = 0, at = 0; y < side; y++) {
                    for (int x = 0; x < side; x++, at++) {
                        if (data[at] && darkens(0, x, y) != darkens(mask, x, y)) {
                            flips[mask][y][x >> 6] |= 1L << x;
                        }
                    }
                }
            }
            FLIPS_FROM_MASK_ZERO.set(version.getVersionNumber(), flips); // computed alike by whichever thread wins
        }
        return flips;
    }

    /**
     * Which modules carry data (and so are masked): all but the finder, timing and alignment patterns and the format
     * and version areas.
     */
    private static boolean[] dataModules(Version version) {
        int side = version.getDimensionForVersion();
        boolean[] function = new boolean[side * side];
        mark(function, side, 0, 0, 9, 9);               // top-left finder, separator and format information
        mark(function, side, side - 8, 0, 8, 9);        // top-right finder, separator and format information
        mark(function, side, 0, side - 8, 9, 8);        // bottom-left finder, separator, format information, dark module
        mark(function, side, 6, 0, 1, side);            // timing patterns
        mark(function, side, 0, 6, side, 1);
        int[] centres = version.getAlignmentPatternCenters();
        int last = centres.length - 1;
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j <= last; j++) {
                boolean onAFinder = i == 0 && (j == 0 || j == last) || i == last && j == 0;
                if (!onAFinder) {
                    mark(function, side, centres[i] - 2, centres[j] - 2, 5, 5);
                }
            }
        }
        if (version.getVersionNumber() >= 7) {
            mark(function, side, side - 11, 0, 3, 6);
            mark(function, side, 0, side - 11, 6, 3);
        }
        boolean[] data = new boolean[side * side];
        for (int i = 0; i < data.length; i++) {
            data[i] = !function[i];
        }
        return data;
    }

    private static void mark(boolean[] modules, int side, int left, int top, int width, int height) {
        for (int y = top; y < top + height; y++) {
            for (int x = left; x < left + width; x++) {
                modules[y * side + x] = true;
            }
        }
    }
}
