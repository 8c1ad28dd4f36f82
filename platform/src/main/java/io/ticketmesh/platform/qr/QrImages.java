package io.ticketmesh.platform.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * QR codes as PNG images (ZXing encodes, the JDK writes the PNG): ticket-service's GetTicketQrCode, the ticket emails
 * of workers and the gateway's printed tickets. ZXing is optional here; a service that draws QR codes declares it. The
 * modules are written straight into the image's packed pixels (a pixel at a time through {@code setRGB} was a fifth of
 * workers' CPU in a bookings run), and ImageIO writes to memory without its temporary file per image.
 *
 * <p>Every code is read back before it is drawn. With the mask ZXing picks, about one code in a hundred has data that
 * ZXing's own detector (the one in most open-source scanning apps) mistakes for a finder pattern, so it cannot find
 * the code in a perfect image; such a code is drawn with another of the eight masks, the first that reads back as its
 * payload. The read-back costs about half a millisecond a 320-pixel code.
 */
public final class QrImages {
    private static final int MASKS = 8;

    static {
        ImageIO.setUseCache(false);
    }

    private QrImages() {}

    public static byte[] png(String payload, int sizePx) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image(readableMatrix(payload, sizePx)), "png", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode this payload as a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new MatrixLuminance(matrix)))).getText().equals(payload);
        } catch (ReaderException e) {
            return false;
        }
    }

    /** A black-and-white image of the matrix: a bit a pixel, rows padded to whole bytes, a set bit white. */
    private static BufferedImage image(BitMatrix matrix) {
        int width = matrix.getWidth();
        BufferedImage image = new BufferedImage(width, matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int rowBytes = (width + 7) / 8;
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < width; x++) {
                if (!matrix.get(x, y)) {
                    pixels[y * rowBytes + x / 8] |= (byte) (0x80 >>> (x % 8));
                }
            }
        }
        return image;
    }
}
