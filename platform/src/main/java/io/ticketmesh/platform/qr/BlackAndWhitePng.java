package io.ticketmesh.platform.qr;

import com.google.zxing.common.BitArray;
import com.google.zxing.common.BitMatrix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A matrix as a PNG of one bit a pixel, greyscale (RFC 2083: a set bit in the file is white, so a set module, black,
 * is a clear one). Written here rather than through ImageIO, whose writer tries every row filter on every row of an
 * image a QR code's rows make no use of, and needs the image as a {@code BufferedImage} first: together they were
 * a fifth of drawing a ticket's code.
 */
final class BlackAndWhitePng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte BIT_DEPTH = 1;
    private static final byte GREYSCALE = 0;
    private static final byte NO_FILTER = 0;

    private BlackAndWhitePng() {}

    static byte[] of(BitMatrix matrix) {
        ByteArrayOutputStream png = new ByteArrayOutputStream(4096);
        png.writeBytes(SIGNATURE);
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(matrix.getWidth()).putInt(matrix.getHeight())
                .put(BIT_DEPTH).put(GREYSCALE).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", compressedRows(matrix));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /**
     * Each row its filter byte and its pixels, deflated. The matrix keeps a row's pixels 32 to an int, the first in
     * the lowest bit; the PNG 8 to a byte, the first in the highest, so each int, bit-reversed and inverted, is four
     * bytes of the row (bits past the width in the last byte are padding, which readers ignore).
     */
    private static byte[] compressedRows(BitMatrix matrix) {
        int rowBytes = (matrix.getWidth() + 7) / 8;
        byte[] line = new byte[1 + rowBytes];
        line[0] = NO_FILTER;
        BitArray row = new BitArray(matrix.getWidth());
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(2048);
        // the fastest level: the best made a ticket's code 1.3 KB instead of 1.5 and took a fifth longer to draw it whole
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream out = new DeflaterOutputStream(compressed, deflater, 8192)) {
            for (int y = 0; y < matrix.getHeight(); y++) {
                int[] words = matrix.getRow(y, row).getBitArray();
                for (int b = 0; b < rowBytes; b++) {
                    line[1 + b] = (byte) (~Integer.reverse(words[b >>> 2]) >>> (24 - 8 * (b & 3)));
                }
                out.write(line);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        } finally {
            deflater.end();
        }
        return compressed.toByteArray();
    }

    /** Length, type, data and the CRC of type and data (RFC 2083 section 3.2). */
    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
