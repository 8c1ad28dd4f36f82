package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description lists every endpoint the gateway serves, with its error responses. */
class OpenApiTest extends GatewayTestBase {
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointIsDescribedWithItsErrors() {
        var docs = http().get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        JsonNode openapi = docs.json();
        assertThat(openapi.path("openapi").asString()).startsWith("3.1");

        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (method.getBeanType().getPackageName().startsWith("io.ticketmesh.gateway")) {
                info.getPathPatternsCondition().getPatternValues().forEach(path ->
                        info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name().toLowerCase() + " " + path)));
            }
        });
        Set<String> described = new TreeSet<>();
        openapi.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            described.add(op.getKey() + " " + path.getKey());
            if (!path.getKey().equals("/.well-known/jwks.json")) {
                assertThat(op.getValue().path("responses").propertyNames())
                        .as(op.getKey() + " " + path.getKey() + " documents its errors")
                        .anyMatch(code -> code.startsWith("4") || code.startsWith("5"));
            }
        }));
        assertThat(served).isNotEmpty();
        assertThat(described).containsAll(served);
        assertThat(openapi.at("/paths/~1api~1v1~1showtimes~1{showtime_id}~1seats/get/responses/200/content/application~1json/schema/type")
                .asString()).as("the seat map, written as bytes, is described as a JSON object").isEqualTo("object");
        assertThat(openapi.at("/paths/~1api~1v1~1showtimes~1{showtime_id}~1seats/get/parameters").valueStream()
                .filter(parameter -> parameter.path("name").asString().equals("view"))
                .map(parameter -> parameter.at("/schema/enum").valueStream().map(JsonNode::asString).toList()))
                .as("the seat map's views").containsExactly(List.of("full", "states"));
    }

    @Test
    void browsableUiIsServed() {
        var ui = http().get("/swagger-ui/index.html", null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.raw().body()).containsIgnoringCase("swagger");
    }
}
