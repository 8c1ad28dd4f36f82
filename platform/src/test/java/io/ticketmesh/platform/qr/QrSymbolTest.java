package io.ticketmesh.platform.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The symbol under each mask, the mask chosen and the image drawn, against ZXing building them itself. */
class QrSymbolTest {
    private final Random random = new Random(20261206);

    private String payload(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (' ' + random.nextInt(95)));
        }
        return text.toString();
    }

    private static QRCode zxing(String payload, Integer mask) throws Exception {
        Map<EncodeHintType, Object> hints = new HashMap<>();
        if (mask != null) {
            hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
        }
        return Encoder.encode(payload, ErrorCorrectionLevel.M, hints);
    }

    /** The symbol's rows as ZXing's matrix holds them: a byte a module, 1 dark. */
    private static byte[][] unpacked(long[][] rows) {
        byte[][] modules = new byte[rows.length][rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows.length; x++) {
                modules[y][x] = (byte) (rows[y][x >> 6] >>> x & 1);
            }
        }
        return modules;
    }

    /** Lengths from a few characters to the largest version's capacity, so every version's layout is met. */
    @Test
    void everyMasksModulesAndTheChoiceAreZxingsForEveryVersion() throws Exception {
        Set<Integer> versions = new HashSet<>();
        for (int length = 1; length <= 2331; length += 1 + length / 40) {
            String payload = payload(length);
            QrSymbol symbol = QrSymbol.of(payload);
            for (int mask = 0; mask < QrSymbol.MASKS; mask++) {
                QRCode expected = zxing(payload, mask);
                versions.add(expected.getVersion().getVersionNumber());
                assertThat(unpacked(symbol.rows(mask))).as("%d characters, mask %d", length, mask)
                        .isEqualTo(expected.getMatrix().getArray());
            }
            assertThat(symbol.chosenMask()).as("%d characters", length).isEqualTo(zxing(payload, null).getMaskPattern());
        }
        assertThat(versions).as("versions met").hasSize(40);
    }

    /**
     * A matrix of one bit a module (as a detector samples it) is the symbol under a mask exactly when it is ZXing's
     * symbol under that mask; one module off (the first, last and word-edge columns) and it is not. Sides of 21 to 177
     * modules: one and several packed words a row. (QrImagesTest cannot tell: the detector throws for every code it
     * misses rather than sampling a wrong grid.)
     */
    @Test
    void sameModulesHoldsAMatrixOfOneBitAModuleToTheSymbolModuleForModule() throws Exception {
        for (int length : new int[] {10, 60, 314, 1000, 2300}) {
            String payload = payload(length);
            QrSymbol symbol = QrSymbol.of(payload);
            for (int mask = 0; mask < QrSymbol.MASKS; mask++) {
                BitMatrix modules = bits(zxing(payload, mask).getMatrix().getArray());
                int side = modules.getWidth();

                assertThat(symbol.sameModules(modules, mask)).as("%d characters, mask %d", length, mask).isTrue();
                assertThat(symbol.sameModules(modules, (mask + 1) % QrSymbol.MASKS)).as("another mask").isFalse();
                for (int x : new int[] {0, 31, 32, 63, side - 1}) {
                    if (x < side) {
                        modules.flip(x, side / 2);
                        assertThat(symbol.sameModules(modules, mask)).as("module %d off, side %d", x, side).isFalse();
                        modules.flip(x, side / 2);
                    }
                }
            }
        }
        assertThat(QrSymbol.of("short").sameModules(new BitMatrix(25), 0)).as("another size").isFalse();
    }

    private static BitMatrix bits(byte[][] modules) {
        BitMatrix matrix = new BitMatrix(modules.length);
        for (int y = 0; y < modules.length; y++) {
            for (int x = 0; x < modules.length; x++) {
                if (modules[y][x] == 1) {
                    matrix.set(x, y);
                }
            }
        }
        return matrix;
    }

    @Test
    void theChosenMaskIsZxings() throws Exception {
        Set<Integer> chosen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            String payload = payload(i % 2 == 0 ? 314 : 20 + random.nextInt(600));
            int mask = QrSymbol.of(payload).chosenMask();
            chosen.add(mask);
            assertThat(mask).as(payload).isEqualTo(zxing(payload, null).getMaskPattern());
        }
        assertThat(chosen).as("masks chosen").hasSize(QrSymbol.MASKS);
    }

    @Test
    void theImageIsZxingsAtAnySizeWithTheSameQuietZone() throws Exception {
        String payload = payload(314);
        QrSymbol symbol = QrSymbol.of(payload);
        for (int size : new int[] {320, 301, 97, 10}) {
            for (int mask : new int[] {0, 5}) {
                var expected = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, size, size,
                        Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2,
                                EncodeHintType.QR_MASK_PATTERN, mask));
                assertThat(symbol.image(mask, size)).as("%d pixels, mask %d", size, mask).isEqualTo(expected);
            }
        }
    }
}
