package io.ticketmesh.platform.qr;

/**
 * The QR standard's four penalty rules for a masked symbol (ISO/IEC 18004, the evaluation of masking results), scored
 * as ZXing scores them, so the mask chosen is the one ZXing would choose ({@code QrSymbolTest} compares them). The
 * symbol's rows and columns are packed 64 modules a word, so most of the scoring looks at 64 modules a step: a module
 * at a time it cost as much as ZXing's own scoring, most of drawing a code.
 */
final class MaskPenalty {
    private static final int RUN = 3;
    private static final int BLOCK = 3;
    private static final int FINDER_LIKE = 40;
    private static final int IMBALANCE = 10;

    private MaskPenalty() {}

    /** The penalty of a symbol given as its rows: bit x of row y is the module at column x, set when dark. */
    static int of(long[][] rows, int side) {
        long[][] columns = new long[side][rows[0].length];
        for (int y = 0; y < side; y++) {
            for (int w = 0; w < rows[y].length; w++) {
                for (long dark = rows[y][w]; dark != 0; dark &= dark - 1) {
                    columns[w * 64 + Long.numberOfTrailingZeros(dark)][y >> 6] |= 1L << y;
                }
            }
        }
        return runs(rows, side) + runs(columns, side) + blocks(rows, side) + finderLike(rows, side) + finderLike(columns, side)
                + imbalance(rows, side);
    }

    /** Rule 1: five or more modules of a colour in a row or a column, 3 and 1 for each module past five. */
    private static int runs(long[][] lines, int side) {
        int penalty = 0;
        for (long[] line : lines) {
            int runStart = 0;
            for (int w = 0; w < line.length; w++) {
                long changes = (line[w] ^ shifted(line, w, 1)) & within(w, 0, side - 2); // bit x: module x+1 differs from x
                while (changes != 0) {
                    int last = w * 64 + Long.numberOfTrailingZeros(changes);
                    penalty += runPenalty(last + 1 - runStart);
                    runStart = last + 1;
                    changes &= changes - 1;
                }
            }
            penalty += runPenalty(side - runStart);
        }
        return penalty;
    }

    private static int runPenalty(int length) {
        return length >= 5 ? RUN + length - 5 : 0;
    }

    /** Rule 2: 3 for each two-by-two block of one colour, overlapping blocks counted each. */
    private static int blocks(long[][] rows, int side) {
        int count = 0;
        for (int y = 0; y + 1 < side; y++) {
            for (int w = 0; w < rows[y].length; w++) {
                long top = rows[y][w];
                long bottom = rows[y + 1][w];
                long sameBelow = ~(top ^ bottom);
                long sameRight = ~(top ^ shifted(rows[y], w, 1)) & ~(bottom ^ shifted(rows[y + 1], w, 1));
                count += Long.bitCount(sameBelow & sameRight & within(w, 0, side - 2));
            }
        }
        return BLOCK * count;
    }

    /**
     * Rule 3: 40 for each dark-light-dark-dark-dark-light-dark run (a finder pattern's core) with four light modules
     * before or after it, in a row or a column. As in ZXing, the quiet zone past the symbol's edge is not counted as
     * light.
     */
    private static int finderLike(long[][] lines, int side) {
        int count = 0;
        for (long[] line : lines) {
            for (int w = 0; w < line.length; w++) {
                long core = line[w] & ~shifted(line, w, 1) & shifted(line, w, 2) & shifted(line, w, 3) & shifted(line, w, 4)
                        & ~shifted(line, w, 5) & shifted(line, w, 6);
                if (core == 0) {
                    continue;
                }
                long lightBefore = ~(shifted(line, w, -1) | shifted(line, w, -2) | shifted(line, w, -3) | shifted(line, w, -4))
                        & within(w, 4, side - 1);
                long lightAfter = ~(shifted(line, w, 7) | shifted(line, w, 8) | shifted(line, w, 9) | shifted(line, w, 10))
                        & within(w, 0, side - 11);
                count += Long.bitCount(core & (lightBefore | lightAfter));
            }
        }
        return FINDER_LIKE * count;
    }

    /** Rule 4: 10 for each whole 5% the share of dark modules is away from half. */
    private static int imbalance(long[][] rows, int side) {
        int dark = 0;
        for (long[] row : rows) {
            for (long word : row) {
                dark += Long.bitCount(word);
            }
        }
        int modules = side * side;
        return Math.abs(dark * 2 - modules) * 10 / modules * IMBALANCE;
    }

    /** Word w of the line moved by k modules: its bit i is module 64w + i + k, light (0) past either end. */
    private static long shifted(long[] line, int w, int k) {
        int word = w + Math.floorDiv(k, 64);
        int bit = Math.floorMod(k, 64);
        long low = word(line, word) >>> bit;
        return bit == 0 ? low : low | word(line, word + 1) << (64 - bit);
    }

    private static long word(long[] line, int w) {
        return w >= 0 && w < line.length ? line[w] : 0;
    }

    /** The bits of word w for the modules from (inclusive) to (inclusive). */
    private static long within(int w, int from, int to) {
        long mask = -1L;
        int first = from - w * 64;
        int last = to - w * 64;
        if (last < 0 || first > 63 || last < first) {
            return 0;
        }
        if (first > 0) {
            mask &= -1L << first;
        }
        if (last < 63) {
            mask &= -1L >>> (63 - last);
        }
        return mask;
    }
}
