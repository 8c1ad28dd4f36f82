package io.ticketmesh.bench.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ticketmesh.bench.local.ServiceMeters.Readings;
import io.ticketmesh.bench.local.ServiceMeters.Snapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceMetersTest {
    private static final String EXPOSITION = """
            # HELP process_cpu_time_ns_total The "cpu time" used by the Java Virtual Machine process
            # TYPE process_cpu_time_ns_total counter
            process_cpu_time_ns_total 1.6782E11
            grpc_server_active_seconds_count{rpc_method="HoldSeats",rpc_service="ticketmesh.ticket.v1.InventoryService"} 3
            grpc_server_seconds_count{error="none",grpc_status_code="OK",rpc_method="HoldSeats",rpc_service="ticketmesh.ticket.v1.InventoryService",rpc_type="UNARY"} 900
            grpc_server_seconds_sum{error="none",grpc_status_code="OK",rpc_method="HoldSeats",rpc_service="ticketmesh.ticket.v1.InventoryService",rpc_type="UNARY"} 27.0
            grpc_server_seconds_count{error="ABORTED",grpc_status_code="ABORTED",rpc_method="HoldSeats",rpc_service="ticketmesh.ticket.v1.InventoryService",rpc_type="UNARY"} 100
            grpc_server_seconds_sum{error="ABORTED",grpc_status_code="ABORTED",rpc_method="HoldSeats",rpc_service="ticketmesh.ticket.v1.InventoryService",rpc_type="UNARY"} 1.0
            grpc_server_seconds_max{error="none",grpc_status_code="OK",rpc_method="HoldSeats",rpc_service="ticketmesh.ticket.v1.InventoryService",rpc_type="UNARY"} 0.5
            grpc_server_seconds_count{error="none",grpc_status_code="OK",rpc_method="ReleaseHold",rpc_service="ticketmesh.ticket.v1.InventoryService",rpc_type="UNARY"} 40
            grpc_server_seconds_sum{error="none",grpc_status_code="OK",rpc_method="ReleaseHold",rpc_service="ticketmesh.ticket.v1.InventoryService",rpc_type="UNARY"} 0.8
            """;

    @Test
    void readsCpuTimeAndEveryOutcomeOfEachMethodsServerTimer() {
        Readings readings = ServiceMeters.parse(EXPOSITION);

        assertThat(readings.cpuNanos()).isEqualTo(167_820_000_000L);
        assertThat(readings.serverTimers()).containsOnlyKeys("HoldSeats", "ReleaseHold");
        assertThat(readings.serverTimers().get("HoldSeats").count()).isEqualTo(1000);
        assertThat(readings.serverTimers().get("HoldSeats").seconds()).isCloseTo(28.0, within(1e-9));
    }

    @Test
    void anExpositionWithoutCpuTimeIsNotAService() {
        assertThatThrownBy(() -> ServiceMeters.parse("grpc_server_seconds_count{rpc_method=\"X\"} 1\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWindowCostsCoresPerProcessMachineBusynessAndMeanServerTimes() {
        Readings before = ServiceMeters.parse(EXPOSITION);
        Readings after = new Readings(before.cpuNanos() + 8_000_000_000L, Map.of(
                "HoldSeats", new ServiceMeters.Timer(1_500, 38.0),
                "ReleaseHold", new ServiceMeters.Timer(40, 0.8)));
        long second = 1_000_000_000L;
        Snapshot from = new Snapshot(0, Map.of("ticket", before), 0, ServiceMeters.ticks("cpu  100 0 50 800 50 0 0 0 0 0"), 1_000);
        Snapshot to = new Snapshot(10 * second, Map.of("ticket", after), 2 * second, ServiceMeters.ticks("cpu  900 0 250 800 50 0 0 0 0 0"), 1_500);

        Map<String, Double> figures = ServiceMeters.difference(from, to);

        assertThat(figures).containsOnlyKeys("machine_busy", "cores_ticket", "cores_postgres", "cores_bench", "server_ms_ticket_HoldSeats");
        assertThat(figures.get("machine_busy")).isCloseTo(1.0, within(1e-9));
        assertThat(figures.get("cores_ticket")).isCloseTo(0.8, within(1e-9));
        assertThat(figures.get("cores_postgres")).isCloseTo(0.5, within(1e-9));
        assertThat(figures.get("cores_bench")).isCloseTo(0.2, within(1e-9));
        assertThat(figures.get("server_ms_ticket_HoldSeats")).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void idleAndIowaitAreNotBusy() {
        assertThat(ServiceMeters.ticks("cpu  10 5 20 60 5 0 0 0 0 0")).containsExactly(35, 100);
    }

    @Test
    void postgresCpuIsUserPlusSystemTicksOfItsProcessesAndTheirEndedChildren() {
        String server = "17997 (postgres) S 17920 17997 17997 0 -1 4194560 9637 0 0 0 3120 2113 700 180 20 0 1 0 91520 269776896 45845";

        assertThat(ServiceMeters.ticksOf(server, "postgres")).isEqualTo(3120 + 2113 + 700 + 180);
        assertThat(ServiceMeters.ticksOf(server.replace("(postgres)", "(java)"), "postgres")).isZero();
    }

    @Test
    void aServiceMissingFromEitherEndIsLeftOut() {
        Snapshot from = new Snapshot(0, Map.of(), 0, null, -1);
        Snapshot to = new Snapshot(1_000_000_000L, Map.of("ticket", ServiceMeters.parse(EXPOSITION)), 500_000_000L, null, -1);

        assertThat(ServiceMeters.difference(from, to)).containsOnlyKeys("cores_bench");
    }
}
