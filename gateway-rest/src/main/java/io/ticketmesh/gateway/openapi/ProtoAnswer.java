package io.ticketmesh.gateway.openapi;

import com.google.protobuf.Message;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The proto message an endpoint answers with, as {@code ProtoJson} writes it: the schema of its 2xx JSON body. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProtoAnswer {
    Class<? extends Message> value();

    /** Fields the answer names otherwise than the proto, as {@code proto=rest}, at any depth. */
    String[] rename() default {};
}
