package io.ticketmesh.platform.qr;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * QR codes as PNG images (ZXing encodes, {@link BlackAndWhitePng} writes them a bit a pixel): ticket-service's
 * GetTicketQrCode, the ticket emails of workers and the gateway's printed tickets. ZXing is optional here; a service
 * that draws QR codes declares it.
 *
 * <p>Every code is read back before it is drawn. With the mask ZXing picks, about one code in a hundred has data that
 * ZXing's own detector (the one in most open-source scanning apps) mistakes for a finder pattern, so it cannot find
 * the code in a perfect image; such a code is drawn with another of the eight masks, the first that reads back as its
 * payload. The read-back ({@link MatrixBinarizer}) costs about a quarter of a millisecond a 320-pixel code. The mask
 * is chosen by {@link QrSymbol}, as ZXing chooses it but without building the symbol eight times.
 */
public final class QrImages {
    private QrImages() {}

    public static byte[] png(String payload, int sizePx) {
        try {
            return BlackAndWhitePng.of(readableImage(QrSymbol.of(payload), payload, sizePx));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode this payload as a QR code", e);
        }
    }

    /** The code drawn with the mask the standard chooses, or, when that does not read back, the first other that does. */
    static BitMatrix readableImage(QrSymbol symbol, String payload, int sizePx) {
        int chosen = symbol.chosenMask();
        BitMatrix image = symbol.image(chosen, sizePx);
        if (readsAs(image, payload)) {
            return image;
        }
        for (int mask = 0; mask < QrSymbol.MASKS; mask++) {
            if (mask != chosen) {
                BitMatrix other = symbol.image(mask, sizePx);
                if (readsAs(other, payload)) {
                    return other;
                }
            }
        }
        return image;
    }

    static boolean readsAs(BitMatrix image, String payload) {
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new MatrixBinarizer(image))).getText().equals(payload);
        } catch (ReaderException e) {
            return false;
        }
    }
}
