package io.ticketmesh.platform.qr;

import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.detector.Detector;

/**
 * QR codes as PNG images (ZXing encodes, {@link BlackAndWhitePng} writes them a bit a pixel): ticket-service's
 * GetTicketQrCode, the ticket emails of workers and the gateway's printed tickets. ZXing is optional here; a service
 * that draws QR codes declares it.
 *
 * <p>Every code is looked for before it is drawn. With the mask ZXing picks, about one code in a hundred has data that
 * ZXing's own detector (the one in most open-source scanning apps) mistakes for a finder pattern, so it cannot find
 * the code in a perfect image; such a code is drawn with another of the eight masks, the first the detector finds.
 * Found means the detector locates the code and samples every module as drawn; the symbol itself is ZXing's encoding
 * ({@code QrSymbolTest}), so decoding it again would only repeat the error correction, which was half of the check's
 * time. The mask is chosen by {@link QrSymbol}, as ZXing chooses it but without building the symbol eight times.
 */
public final class QrImages {
    private QrImages() {}

    public static byte[] png(String payload, int sizePx) {
        try {
            return BlackAndWhitePng.of(readableImage(QrSymbol.of(payload), sizePx));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode this payload as a QR code", e);
        }
    }

    /** The code drawn with the mask the standard chooses, or, when the detector cannot find that, the first other it finds. */
    static BitMatrix readableImage(QrSymbol symbol, int sizePx) {
        int chosen = symbol.chosenMask();
        BitMatrix image = symbol.image(chosen, sizePx);
        if (found(image, symbol, chosen)) {
            return image;
        }
        for (int mask = 0; mask < QrSymbol.MASKS; mask++) {
            if (mask != chosen) {
                BitMatrix other = symbol.image(mask, sizePx);
                if (found(other, symbol, mask)) {
                    return other;
                }
            }
        }
        return image;
    }

    /**
     * Whether ZXing's detector, given the image (black and white, so it is its own binarization), finds the code and
     * samples exactly the symbol's modules under the mask.
     */
    static boolean found(BitMatrix image, QrSymbol symbol, int mask) {
        try {
            return symbol.sameModules(new Detector(image).detect().getBits(), mask);
        } catch (ReaderException e) {
            return false;
        }
    }
}
