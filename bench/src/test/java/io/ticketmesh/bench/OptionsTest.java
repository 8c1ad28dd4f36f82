package io.ticketmesh.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Command-line options: values, defaults, and a clear refusal of what a scenario cannot take. */
class OptionsTest {
    @Test
    void valuesDefaultsAndChoices() {
        Options options = Options.parse(new String[]{"seatmap", "--clients", "8", "--view", "states"});
        assertThat(options.integer("clients", 16)).isEqualTo(8);
        assertThat(options.integer("rows", 250)).isEqualTo(250);
        assertThat(options.choice("view", "full", "states")).isEqualTo("states");
        assertThat(options.choice("via", "grpc", "rest")).as("the first choice by default").isEqualTo("grpc");
    }

    @Test
    void badOptionsAreRefusedByName() {
        assertThatThrownBy(() -> Options.parse(new String[]{"seatmap", "--clients"})).isInstanceOf(Options.BadOption.class)
                .hasMessageContaining("--clients");
        Options options = Options.parse(new String[]{"seatmap", "--clients", "many", "--view", "everything"});
        assertThatThrownBy(() -> options.integer("clients", 16)).isInstanceOf(Options.BadOption.class)
                .hasMessage("--clients takes a whole number, not many");
        assertThatThrownBy(() -> options.choice("view", "full", "states")).isInstanceOf(Options.BadOption.class)
                .hasMessage("--view takes full or states, not everything");
    }
}
