package io.ticketmesh.platform.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * QR codes as PNG images (ZXing encodes, the JDK writes the PNG): ticket-service's GetTicketQrCode and the ticket
 * emails of workers. ZXing is optional here; a service that draws QR codes declares it. The modules are written
 * straight into the image's packed pixels (a pixel at a time through {@code setRGB} was a fifth of workers' CPU in a
 * bookings run), and ImageIO writes to memory without its temporary file per image.
 */
public final class QrImages {
    static {
        ImageIO.setUseCache(false);
    }

    private QrImages() {}

    public static byte[] png(String payload, int sizePx) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, sizePx, sizePx,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image(matrix), "png", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode this payload as a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
