package io.ticketmesh.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    @Test
    void aServiceWithoutACacheRecordsOneWithRoomForItsMetaspaceThenStartsFromIt(@TempDir Path directory) throws Exception {
        AotCache cache = new AotCache(directory, "ticket-service");
        Path file = directory.resolve("ticket-service.aot");

        assertThat(cache.jvmOptions(true)).as("recording").containsExactly("-XX:AOTCacheOutput=" + file, AotCache.RECORDING_METASPACE);
        assertThat(AotCache.RECORDING_METASPACE).isEqualTo("-XX:MaxMetaspaceSize=640m");

        Files.writeString(file, "written at the recording's clean stop");
        assertThat(cache.jvmOptions(true)).as("started from it, within the usual bound").containsExactly("-XX:AOTCache=" + file);
        assertThat(cache.jvmOptions(false)).as("TM_AOT=off").isEmpty();
    }
}
