package io.ticketmesh.gateway.openapi;

import com.google.protobuf.Message;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The proto message an endpoint answers with, as {@code ProtoJson} writes it: the schema of its 2xx JSON body, or, with
 * {@link #status}, of that status's (a transfer answers 200 with a ticket, 202 with an offer).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(ProtoAnswer.ByStatus.class)
public @interface ProtoAnswer {
    Class<? extends Message> value();

    /** The status whose body this is; every 2xx but 204 when empty. */
    String status() default "";

    /** Fields the answer names otherwise than the proto, as {@code proto=rest}, at any depth. */
    String[] rename() default {};

    /**
     * Fields of {@link #withFrom} the gateway puts in the answer beside the message's own (a showtime's event, venue name
     * and city from GetShowtimeResponse), each under its name there and as that field is described.
     */
    String[] with() default {};

    /** The message {@link #with} names fields of. */
    Class<? extends Message> withFrom() default Message.class;

    /** The answers of an endpoint that answers differently by status. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface ByStatus {
        ProtoAnswer[] value();
    }
}
