package io.ticketmesh.gateway.openapi;

import com.google.protobuf.Message;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The proto message an endpoint reads its JSON body into, so the OpenAPI description shows the body's fields as
 * {@code ProtoJson} reads them ({@link ProtoSchemas}). The request id and the ids the path names are left out: the
 * gateway sets those itself.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProtoBody {
    /** The message; with more than one, the body is one of them (a hold by seats or by best available). */
    Class<? extends Message>[] value();

    /** Further fields of the message the body does not take. */
    String[] omit() default {};

    /**
     * The body may be an answer of the message sent back (a venue read, posted again as a copy): the fields {@link #omit}
     * leaves out are then described read-only, as fields the body may carry and the service ignores.
     */
    boolean takesAnswers() default false;

    /**
     * The body is an update's (a PATCH): it takes only the fields the contract marks {@code editable}, those the
     * service lets the update change; {@link #omit} is then not needed.
     */
    boolean editableOnly() default false;

    /** Fields the body names otherwise than the proto, as {@code proto=rest} ({@code features=accessibility}), at any depth. */
    String[] rename() default {};
}
