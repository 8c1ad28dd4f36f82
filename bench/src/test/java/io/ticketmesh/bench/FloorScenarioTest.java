package io.ticketmesh.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.bench.floor.FloorScenario;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The floor scenario for a second each way: what it starts answers every call and is gone afterwards. */
class FloorScenarioTest {
    @Test
    void aShortRunAnswersEveryCallAndLeavesNoServerBehind() throws Exception {
        long childrenBefore = ProcessHandle.current().children().count();

        String json = new FloorScenario().run(Options.parse(new String[]{"floor", "--clients", "4", "--warmup-s", "1",
                "--duration-s", "1"})).json();

        assertThat(number(json, "errors")).isZero();
        assertThat(number(json, "calls_per_s")).isPositive();
        assertThat(number(json, "connections")).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(json).contains("\"executor\":\"virtual\"").contains("\"cores_server\":");
        assertThat(ProcessHandle.current().children().count()).as("the echo server exited with the run").isEqualTo(childrenBefore);
    }

    @Test
    void aShortRunOfStatementsAnswersEveryOne() throws Exception {
        String json = new FloorScenario().run(Options.parse(new String[]{"floor", "--call", "sql", "--clients", "2", "--warmup-s", "1",
                "--duration-s", "1"})).json();

        assertThat(number(json, "errors")).isZero();
        assertThat(number(json, "calls_per_s")).isPositive();
        assertThat(json).contains("\"call\":\"sql\"").contains("\"cores_postgres\":");
    }

    private static double number(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":([0-9.]+)").matcher(json);
        assertThat(value.find()).as(name + " in " + json).isTrue();
        return Double.parseDouble(value.group(1));
    }
}
