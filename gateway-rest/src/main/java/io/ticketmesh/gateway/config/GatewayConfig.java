package io.ticketmesh.gateway.config;

import io.ticketmesh.gateway.token.SigningKeys;
import io.ticketmesh.platform.auth.AuthProperties;
import io.ticketmesh.platform.auth.JwtVerifier;
import io.ticketmesh.platform.auth.Revocations;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.type.LogicalType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Strict types: an enum field takes its name, never a number (Jackson would accept an index), and a text field
     * takes text, never a number or boolean (Jackson would quietly turn 42 into "42").
     */
    @Bean
    JsonMapperBuilderCustomizer strictTypes() {
        return builder -> builder.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /** The same verifier the services use, reading the gateway's keys in-process instead of over HTTP. */
    @Bean
    JwtVerifier jwtVerifier(SigningKeys keys, AuthProperties auth, Revocations revocations) {
        return new JwtVerifier(keys.jwkSource(), auth.issuer(), auth.audience(), revocations);
    }
}
