package io.ticketmesh.gateway.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which answer of one view the seat-map cache keeps when requests that read different versions finish out of order. */
class SeatMapCacheAnswerTest {
    private static SeatMapCache.Answer answer(long catalogVersion, long version) {
        String etag = "W/\"full-" + version + "-" + catalogVersion + "\"";
        return new SeatMapCache.Answer(etag, catalogVersion, version, () -> etag.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAnswerOfAnOlderMapDoesNotReplaceTheNewerKept() {
        SeatMapCache.Answer newer = answer(1, 42);
        assertThat(SeatMapCache.Answer.keep(newer, answer(1, 41))).isSameAs(newer);
        SeatMapCache.Answer newerCatalog = answer(2, 3);
        assertThat(SeatMapCache.Answer.keep(newerCatalog, answer(1, 41))).isSameAs(newerCatalog);
    }

    @Test
    void aNewerMapReplacesTheKeptAndTheSameMapKeepsItsCompressedBytes() {
        SeatMapCache.Answer kept = answer(1, 41);
        SeatMapCache.Answer newer = answer(1, 42);
        assertThat(SeatMapCache.Answer.keep(kept, newer)).isSameAs(newer);
        assertThat(SeatMapCache.Answer.keep(kept, answer(2, 1))).isNotSameAs(kept);
        assertThat(SeatMapCache.Answer.keep(kept, answer(1, 41))).isSameAs(kept);
    }
}
