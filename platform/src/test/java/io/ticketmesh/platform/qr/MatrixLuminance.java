package io.ticketmesh.platform.qr;

import com.google.zxing.LuminanceSource;
import com.google.zxing.common.BitMatrix;

/** A drawn code as ZXing's reader sees an image of it: a set module black, the rest white. */
final class MatrixLuminance extends LuminanceSource {
    private static final byte BLACK = 0;
    private static final byte WHITE = (byte) 0xFF;

    private final BitMatrix matrix;

    MatrixLuminance(BitMatrix matrix) {
        super(matrix.getWidth(), matrix.getHeight());
        this.matrix = matrix;
    }

    @Override
    public byte[] getRow(int y, byte[] row) {
        byte[] luminance = row != null && row.length >= getWidth() ? row : new byte[getWidth()];
        for (int x = 0; x < getWidth(); x++) {
            luminance[x] = matrix.get(x, y) ? BLACK : WHITE;
        }
        return luminance;
    }

    @Override
    public byte[] getMatrix() {
        byte[] luminance = new byte[getWidth() * getHeight()];
        byte[] row = new byte[getWidth()];
        for (int y = 0; y < getHeight(); y++) {
            System.arraycopy(getRow(y, row), 0, luminance, y * getWidth(), getWidth());
        }
        return luminance;
    }
}
