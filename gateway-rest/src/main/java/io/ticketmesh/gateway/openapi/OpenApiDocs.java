package io.ticketmesh.gateway.openapi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.validation.UpdateMasks;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the OpenAPI description says of bodies: a JSON body read into a proto message ({@link ProtoBody}) or answered
 * from one ({@link ProtoAnswer}) has that message's schema; every 4xx and 5xx is {@code application/problem+json}
 * ({@code Problem}); the JSON documents the gateway puts together itself are {@link JsonDocuments}; any other JSON it
 * builds itself is an object its operation's text describes; a 204 or 3xx has no body.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiDocs {
    static final String PROBLEM = "Problem";
    private static final String BEARER = "bearer";
    private static final String DESCRIPTION = "The public API of the web and mobile apps. JSON with snake_case fields; money as "
            + "{amount_minor, currency}; times RFC 3339 UTC; lists take page_size and page_token and answer next_page_token. "
            + "Every POST that creates or changes something honours an Idempotency-Key header: the same key and body answer "
            + "the first response again. Errors are application/problem+json with a stable code.";
    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String ANY_TYPE = org.springframework.http.MediaType.ALL_VALUE;

    static {
        // a Jackson tree is JSON the gateway writes or reads itself, not a type of its own to describe
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, ProtoSchemas.typed("object"))
                .replaceWithSchema(ObjectNode.class, ProtoSchemas.typed("object"));
    }

    /**
     * Records the gateway reads and writes itself (the identity endpoints') with their fields in snake_case, as the web's
     * Jackson writes them: the schemas' resolver has a Jackson of its own, which knows nothing of the web's naming.
     */
    @Bean
    ModelResolver snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    ProtoSchemas protoSchemas() {
        ProtoSchemas schemas = new ProtoSchemas(ProtoComments.load());
        RestAdditions.describe(schemas);
        return schemas;
    }

    @Bean
    OperationCustomizer protoBodies(ProtoSchemas schemas) {
        return (operation, handler) -> {
            ProtoBody body = handler.getMethodAnnotation(ProtoBody.class);
            if (body != null && operation.getRequestBody() != null) {
                describeBody(operation, body, schemas);
            }
            Set<ProtoAnswer> answers = AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(),
                    ProtoAnswer.class);
            successes(operation).forEach((status, response) -> {
                ProtoAnswer answer = answers.stream().filter(one -> one.status().isEmpty() || one.status().equals(status))
                        .findFirst().orElse(null);
                if (answer != null) {
                    answersJson(response, answerSchema(answer, schemas));
                } else if (answersJsonTree(handler) && response.getContent() != null && !namesDocument(response)) {
                    answersJson(response, ProtoSchemas.typed("object"));
                }
            });
            security(operation);
            if (operation.getResponses() != null) {
                operation.getResponses().forEach((code, response) -> {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        response.setContent(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref(ProtoSchemas.COMPONENTS + PROBLEM))));
                    } else {
                        asWritten(code, response);
                    }
                });
            }
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer protoComponents(ProtoSchemas schemas) {
        return openApi -> {
            String version = OpenApiDocs.class.getPackage().getImplementationVersion();
            openApi.info(new Info().title("Ticketmesh REST API").version(version == null ? "development" : version)
                    .description(DESCRIPTION));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            JsonDocuments.components(schemas).forEach(components::addSchemas);
            schemas.components().forEach(components::addSchemas);
            components.addSchemas(PROBLEM, problem());
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .bearerFormat("JWT")
                    .description("an access token from POST /api/v1/auth/login (RS256, keys at /.well-known/jwks.json)"));
            openApi.setComponents(components);
        };
    }

    /**
     * An operation that answers 401 UNAUTHENTICATED needs an access token; any other takes one if sent (an OWNER sees
     * more of a presale) and is answered without.
     */
    private static void security(Operation operation) {
        ApiResponse unauthenticated = operation.getResponses() == null ? null : operation.getResponses().get("401");
        boolean required = unauthenticated != null
                && String.valueOf(unauthenticated.getDescription()).contains("UNAUTHENTICATED");
        SecurityRequirement bearer = new SecurityRequirement().addList(BEARER);
        operation.setSecurity(required ? List.of(bearer) : List.of(new SecurityRequirement(), bearer));
    }

    private static void describeBody(Operation operation, ProtoBody body, ProtoSchemas schemas) {
        Set<String> omit = new HashSet<>(Arrays.asList(body.omit()));
        omit.add("request_id");
        for (Parameter parameter : operation.getParameters() == null ? List.<Parameter>of() : operation.getParameters()) {
            if ("path".equals(parameter.getIn())) {
                omit.add(parameter.getName());
                omit.add(parameter.getName().replace("org_id", "organization_id"));
            }
        }
        if (body.editableOnly()) {
            Arrays.stream(body.value()).flatMap(type -> descriptor(type).getFields().stream())
                    .filter(field -> !UpdateMasks.isEditable(field)).map(FieldDescriptor::getName).forEach(omit::add);
        }
        Map<String, String> renames = renames(body.rename());
        List<Schema> alternatives = Arrays.stream(body.value())
                .map(type -> (Schema) schemas.body(descriptor(type), omit, renames, false)).toList();
        Schema<Object> schema = alternatives.size() == 1 ? alternatives.getFirst() : new Schema<>().anyOf(alternatives);
        if (body.takesAnswers()) {
            Descriptor message = descriptor(body.value()[0]);
            for (String name : body.omit()) {
                FieldDescriptor field = message.findFieldByName(name);
                if (field == null || body.value().length > 1) {
                    throw new IllegalStateException("takesAnswers needs one message with every omitted field; "
                            + message.getName() + " has no " + name + " or is one of several");
                }
                schema.addProperty(name, schemas.property(field).readOnly(true));
            }
        }
        RequestBody request = operation.getRequestBody();
        request.setContent(json(schema));
    }

    /** The message's component; written out when the answer renames fields or carries others beside them. */
    private static Schema<Object> answerSchema(ProtoAnswer answer, ProtoSchemas schemas) {
        if (answer.rename().length == 0 && answer.with().length == 0) {
            return schemas.reference(descriptor(answer.value()));
        }
        Schema<Object> schema = schemas.body(descriptor(answer.value()), Set.of(), renames(answer.rename()), true);
        for (String name : answer.with()) {
            FieldDescriptor field = descriptor(answer.withFrom()).findFieldByName(name);
            if (field == null) {
                throw new IllegalStateException(answer.withFrom().getSimpleName() + " has no field " + name);
            }
            schema.addProperty(name, schemas.property(field));
        }
        return schema;
    }

    /**
     * A success or redirect as the gateway writes it: a 204 or 3xx has no body; any other body whose mapping names no
     * media type (springdoc's "any type") is JSON, the one type the gateway writes unless a mapping says otherwise.
     */
    private static void asWritten(String code, ApiResponse response) {
        if (code.equals("204") || code.startsWith("3")) {
            response.setContent(null);
        } else if (response.getContent() != null && response.getContent().containsKey(ANY_TYPE)) {
            response.getContent().putIfAbsent(JSON, response.getContent().remove(ANY_TYPE));
        }
    }

    /**
     * The response's JSON is {@code schema}; any other media type it has stays (a path answering JSON or CSV by the
     * Accept header is one operation whose two mappings springdoc merges; {@link #asWritten} drops springdoc's "any type").
     */
    private static void answersJson(ApiResponse response, Schema<?> schema) {
        Content content = response.getContent() == null ? new Content() : response.getContent();
        response.setContent(content.addMediaType(JSON, new MediaType().schema(schema)));
    }

    /** The operation's 2xx responses but 204, by status. */
    private static Map<String, ApiResponse> successes(Operation operation) {
        if (operation.getResponses() == null) {
            return Map.of();
        }
        return operation.getResponses().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("2") && !entry.getKey().equals("204"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Whether the response's JSON is one of the {@link JsonDocuments}, which its operation names by reference. */
    private static boolean namesDocument(ApiResponse response) {
        MediaType json = response.getContent().get(JSON);
        return json != null && json.getSchema() != null && json.getSchema().get$ref() != null;
    }

    private static boolean answersJsonTree(HandlerMethod handler) {
        String type = handler.getReturnType().getGenericParameterType().getTypeName();
        return type.contains(JsonNode.class.getName()) || type.contains(ObjectNode.class.getName());
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType(JSON, new MediaType().schema(schema));
    }

    private static Map<String, String> renames(String[] pairs) {
        return Arrays.stream(pairs).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }

    private static Descriptor descriptor(Class<? extends Message> type) {
        try {
            return (Descriptor) type.getMethod("getDescriptor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type + " is not a generated proto message", e);
        }
    }

    /** RFC 9457 problem details as {@code Problems} writes them. */
    private static Schema<Object> problem() {
        Schema<Object> violation = ProtoSchemas.typed("object")
                .addProperty("field", ProtoSchemas.typed("string")
                        .description("the field as the body names it: rows[0].seats[2].tier"))
                .addProperty("detail", ProtoSchemas.typed("string"));
        String codes = String.join(", ", ProtoJson.restValues(ErrorReason.getDescriptor()));
        Schema<Object> problem = ProtoSchemas.typed("object")
                .description("RFC 9457 problem details; the properties after request_id are the details some errors carry "
                        + "(each says which); a property not listed is a detail newer than this description")
                .addProperty("type", ProtoSchemas.typed("string").format("uri"))
                .addProperty("title", ProtoSchemas.typed("string"))
                .addProperty("status", ProtoSchemas.typed("integer").format("int32"))
                .addProperty("detail", ProtoSchemas.typed("string"))
                .addProperty("code", ProtoSchemas.typed("string").description("the stable error code, one of " + codes))
                .addProperty("errors", ProtoSchemas.typed("array").items(violation).description("field violations"))
                .addProperty("request_id", ProtoSchemas.typed("string"));
        for (ErrorDetail detail : ErrorDetail.values()) {
            problem.addProperty(detail.key(), detailSchema(detail.form()).description(detail.description()));
        }
        return problem.additionalProperties(true);
    }

    private static Schema<?> detailSchema(ErrorDetail.Form form) {
        return switch (form) {
            case LIST -> ProtoSchemas.typed("array").items(ProtoSchemas.typed("string"));
            case INTEGER -> ProtoSchemas.typed("integer").format("int64");
            case TIME -> ProtoSchemas.typed("string").format("date-time");
            case TEXT -> ProtoSchemas.typed("string");
        };
    }
}
