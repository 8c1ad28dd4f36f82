package io.ticketmesh.platform.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.HashMap;
import java.util.Map;

/**
 * QR codes as PNG images (ZXing encodes, {@link BlackAndWhitePng} writes them a bit a pixel): ticket-service's
 * GetTicketQrCode, the ticket emails of workers and the gateway's printed tickets. ZXing is optional here; a service
 * that draws QR codes declares it.
 *
 * <p>Every code is read back before it is drawn. With the mask ZXing picks, about one code in a hundred has data that
 * ZXing's own detector (the one in most open-source scanning apps) mistakes for a finder pattern, so it cannot find
 * the code in a perfect image; such a code is drawn with another of the eight masks, the first that reads back as its
 * payload. The read-back ({@link MatrixBinarizer}) costs about a quarter of a millisecond a 320-pixel code.
 */
public final class QrImages {
    private static final int MASKS = 8;

    private QrImages() {}

    public static byte[] png(String payload, int sizePx) {
        try {
            return BlackAndWhitePng.of(readableMatrix(payload, sizePx));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode this payload as a QR code", e);
        }
    }

    /** The code ZXing draws, or, when that does not read back, the first drawn with another mask that does. */
    static BitMatrix readableMatrix(String payload, int sizePx) throws WriterException {
        BitMatrix chosen = matrix(payload, sizePx, null);
        if (readsAs(chosen, payload)) {
            return chosen;
        }
        for (int mask = 0; mask < MASKS; mask++) {
            BitMatrix other = matrix(payload, sizePx, mask);
            if (readsAs(other, payload)) {
                return other;
            }
        }
        return chosen;
    }

    /** The code drawn at the error correction and quiet zone we print, with the given mask or (null) ZXing's choice. */
    static BitMatrix matrix(String payload, int sizePx, Integer mask) throws WriterException {
        Map<EncodeHintType, Object> hints = new HashMap<>(Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
        if (mask != null) {
            hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
        }
        return new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, sizePx, sizePx, hints);
    }

    static boolean readsAs(BitMatrix matrix, String payload) {
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new MatrixBinarizer(matrix))).getText().equals(payload);
        } catch (ReaderException e) {
            return false;
        }
    }
}
