package io.ticketmesh.platform.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrImagesTest {
    /** A payload whose code, drawn with the mask ZXing picks, ZXing's detector cannot find (CI met it in a mail test). */
    private static final String UNFOUND_WITH_ZXINGS_MASK = "TM1.qr-test.df8e4704-63c1-4adf-8cef-33cd4ce3f8ef.signature";

    private static String read(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }

    @Test
    void aPngOfTheAskedSizeThatReadsBackAsThePayloadWithALightMargin() throws Exception {
        String payload = "TM1.k1.eyJ0aWNrZXQiOiIxMjMifQ.c2lnbmF0dXJl-" + "x".repeat(120);
        byte[] png = QrImages.png(payload, 320);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(320);
        assertThat(image.getRGB(0, 0) & 0xFFFFFF).as("the margin is white").isEqualTo(0xFFFFFF);
        assertThat(image.getRGB(319, 319) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(read(png)).isEqualTo(payload);
    }

    @Test
    void aCodeTheDetectorCannotFindWithZxingsMaskIsDrawnWithOneItFinds() throws Exception {
        QrSymbol symbol = QrSymbol.of(UNFOUND_WITH_ZXINGS_MASK);
        BitMatrix withZxingsMask = symbol.image(symbol.chosenMask(), 320);
        assertThat(readsBack(withZxingsMask)).as("the case this guards against").isNull();
        assertThat(QrImages.found(withZxingsMask, symbol, symbol.chosenMask())).isFalse();

        assertThat(read(QrImages.png(UNFOUND_WITH_ZXINGS_MASK, 320))).isEqualTo(UNFOUND_WITH_ZXINGS_MASK);
    }

    @Test
    void everyTicketCodeReadsBack() throws Exception {
        for (int i = 0; i < 300; i++) {
            String payload = "TM1.qr-test." + UUID.randomUUID() + ".signature";
            assertThat(read(QrImages.png(payload, 320))).isEqualTo(payload);
        }
    }

    @Test
    void thePngHoldsEveryModuleOfTheMatrixAtAnyWidth() throws Exception {
        String payload = "TM1.qr-test.0f6c3e84-5f1b-4d8e-9a57-2c1e7d7c6a10.signature";
        for (int size : new int[] {320, 301, 97}) {
            BitMatrix matrix = QrImages.readableImage(QrSymbol.of(payload), size);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrImages.png(payload, size)));

            assertThat(image.getWidth()).isEqualTo(matrix.getWidth());
            assertThat(image.getHeight()).isEqualTo(matrix.getHeight());
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    int expected = matrix.get(x, y) ? 0x000000 : 0xFFFFFF;
                    assertThat(image.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d of %d", x, y, size).isEqualTo(expected);
                }
            }
        }
    }

    /** Why the detector may be given the drawn matrix: thresholding a black-and-white image gives it back. */
    @Test
    void binarizingADrawnCodeGivesBackItsMatrix() throws Exception {
        for (int i = 0; i < 50; i++) {
            QrSymbol symbol = QrSymbol.of("TM1.qr-test." + UUID.randomUUID() + ".signature");
            BitMatrix matrix = symbol.image(symbol.chosenMask(), 320);

            assertThat(new HybridBinarizer(new MatrixLuminance(matrix)).getBlackMatrix()).isEqualTo(matrix);
        }
    }

    /**
     * Finding a code (the detector samples every module as drawn) is what reading it back whole used to check: under
     * every mask, a code is found exactly when ZXing's reader reads it as its payload.
     */
    @Test
    void aCodeIsFoundExactlyWhenItReadsBackAsItsPayload() throws Exception {
        int unfound = 0;
        for (int i = 0; i < 400; i++) {
            String payload = "TM1.qr-test." + UUID.randomUUID() + ".signature";
            QrSymbol symbol = QrSymbol.of(payload);
            for (int mask = 0; mask < QrSymbol.MASKS; mask++) {
                BitMatrix image = symbol.image(mask, 320);
                boolean found = QrImages.found(image, symbol, mask);

                assertThat(image).as("the detector leaves the image as drawn").isEqualTo(symbol.image(mask, 320));
                assertThat(found).as("payload %s, mask %d", payload, mask).isEqualTo(payload.equals(readsBack(image)));
                unfound += found ? 0 : 1;
            }
        }
        assertThat(unfound).as("codes the detector misses, so the check is tried both ways").isPositive();
    }

    /** What ZXing's reader makes of a drawn code, or null when it cannot read it. */
    private static String readsBack(BitMatrix image) {
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new MatrixLuminance(image)))).getText();
        } catch (ReaderException e) {
            return null;
        }
    }
}
