package io.ticketmesh.platform.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrImagesTest {
    @Test
    void aPngOfTheAskedSizeThatReadsBackAsThePayloadWithALightMargin() throws Exception {
        String payload = "TM1.k1.eyJ0aWNrZXQiOiIxMjMifQ.c2lnbmF0dXJl-" + "x".repeat(120);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrImages.png(payload, 320)));

        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(320);
        assertThat(image.getRGB(0, 0) & 0xFFFFFF).as("the margin is white").isEqualTo(0xFFFFFF);
        assertThat(image.getRGB(319, 319) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        int[] pixels = image.getRGB(0, 0, 320, 320, null, 0, 320);
        RGBLuminanceSource source = new RGBLuminanceSource(320, 320, pixels);
        assertThat(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText()).isEqualTo(payload);
    }
}
