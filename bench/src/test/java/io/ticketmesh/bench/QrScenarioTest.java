package io.ticketmesh.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.bench.qr.QrScenario;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The qr scenario draws codes of a real ticket's shape, and a short run reports every one drawn. */
class QrScenarioTest {
    @Test
    void itsPayloadsHaveATicketCodesShapeAndLength() {
        String payload = QrScenario.ticketPayload();

        String[] parts = payload.split("\\.");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("TM1");
        assertThat(new String(Base64.getUrlDecoder().decode(parts[2])).split("\\|")).hasSize(5);
        assertThat(Base64.getUrlDecoder().decode(parts[3])).hasSize(64);
        assertThat(payload.length()).as("as ticket-service's (314 characters)").isBetween(305, 320);
        assertThat(QrScenario.ticketPayload()).isNotEqualTo(payload);
    }

    @Test
    void aShortRunDrawsCodesWithoutError() throws Exception {
        String json = new QrScenario().run(Options.parse(new String[]{"qr", "--warmup-s", "1", "--duration-s", "1"})).json();

        assertThat(json).contains("\"errors\":0").contains("\"scenario\":\"qr\"").containsPattern("\"codes_per_s\":[1-9]")
                .containsPattern("\"png_bytes\":[1-9][0-9]{2,}");
    }
}
