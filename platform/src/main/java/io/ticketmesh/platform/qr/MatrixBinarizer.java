package io.ticketmesh.platform.qr;

import com.google.zxing.Binarizer;
import com.google.zxing.LuminanceSource;
import com.google.zxing.common.BitArray;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;

/**
 * A drawn code as ZXing's reader sees it once binarized: its own modules. The image is black and white, so any
 * thresholding gives back exactly the matrix it was drawn from ({@code QrImagesTest} checks HybridBinarizer's), and
 * reading back skips computing one (that was a third of the read-back's time).
 */
final class MatrixBinarizer extends Binarizer {
    private final BitMatrix matrix;

    MatrixBinarizer(BitMatrix matrix) {
        super(new MatrixLuminance(matrix));
        this.matrix = matrix;
    }

    @Override
    public BitArray getBlackRow(int y, BitArray row) {
        return matrix.getRow(y, row);
    }

    /** A copy: the reader may keep or change what it is given. */
    @Override
    public BitMatrix getBlackMatrix() {
        return matrix.clone();
    }

    /** A cropped or rotated image is no longer this matrix, so it is binarized as any image is. */
    @Override
    public Binarizer createBinarizer(LuminanceSource source) {
        return new HybridBinarizer(source);
    }
}
