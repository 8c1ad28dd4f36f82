package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description's security agrees with the gateway's: every operation it says needs an access token answers
 * 401 without one, and every other is answered without one (whatever else it says of the request).
 */
class DescribedSecurityTest extends GatewayTestBase {

    @Test
    void anOperationNeedsATokenExactlyWhenTheDescriptionSaysSo() {
        Http http = http();
        JsonNode openapi = http.get("/v3/api-docs", null).json();
        List<String> disagree = new ArrayList<>();
        int needing = 0;
        for (var path : openapi.path("paths").properties()) {
            String url = path.getKey().replaceAll("\\{\\w+}", UUID.randomUUID().toString());
            for (var operation : path.getValue().properties()) {
                boolean needsToken = operation.getValue().path("security").valueStream().noneMatch(JsonNode::isEmpty);
                needing += needsToken ? 1 : 0;
                int status = http.send(operation.getKey().toUpperCase(), url, null, "{}").status();
                if (needsToken != (status == 401)) {
                    disagree.add(operation.getKey() + " " + path.getKey() + (needsToken ? " needs a token" : " takes none")
                            + " but answered " + status);
                }
            }
        }
        assertThat(needing).as("operations needing a token").isGreaterThan(40);
        assertThat(disagree).isEmpty();
    }
}
