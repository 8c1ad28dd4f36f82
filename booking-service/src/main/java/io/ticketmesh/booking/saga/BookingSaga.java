package io.ticketmesh.booking.saga;

import static io.ticketmesh.booking.saga.SagaStep.last;
import static io.ticketmesh.booking.saga.SagaStep.step;

import io.ticketmesh.booking.client.InventoryClient;
import io.ticketmesh.booking.client.PaymentClient;
import io.ticketmesh.booking.client.TicketClient;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * A booking, step by step, each with the compensation that undoes it. Payment is authorized before the hold is
 * confirmed, so a declined card never touches the seat map, and a 3-D Secure challenge waits on an ordinary
 * hold: completed in time the seats are sold; completed after the hold lapsed, confirm_hold takes the same seats
 * back if they are all still free, and otherwise fails and the authorization is voided (nothing was charged).
 * Capture is the pivot: from there on, steps are retried until they succeed. A booking that costs nothing (its seats
 * free after their code, see Pricing) or was paid at the box office passes its payment steps without payment-service.
 */
@Component
public class BookingSaga {
    /** Priced and written with the booking; undone by ending the customer's hold. */
    private static final String PRICE_BOOKING = "price_booking";
    private final List<SagaStep> steps;

    public BookingSaga(InventoryClient inventory, PaymentClient payments, TicketClient tickets) {
        steps = List.of(
                step(PRICE_BOOKING, booking -> StepResult.done("priced"), inventory::releaseHold),
                step("authorize_payment", paid(payments::authorize), paid(payments::voidPayment)),
                step("confirm_hold", inventory::confirmHold, inventory::releaseSeats),
                step("capture_payment", paid(payments::capture), paid(payments::refundAll)),
                last("issue_tickets", tickets::issue));
    }

    /**
     * A payment step, done without payment-service for a booking sold at the box office (paid at the counter) or one
     * that costs nothing (no card was asked for).
     */
    private static Function<SagaBooking, StepResult> paid(Function<SagaBooking, StepResult> payment) {
        return booking -> booking.paidAtBoxOffice()
                .<StepResult>map(how -> StepResult.done("settled at the box office (" + how + "), not through the provider"))
                .orElseGet(() -> booking.booking().getTotalMinor() == 0 ? StepResult.done("nothing to pay: the booking is free")
                        : payment.apply(booking));
    }

    public List<SagaStep> steps() {
        return steps;
    }

    /** Steps up to this position give up when their participant stays unreachable past the payment deadline. */
    public int pivot() {
        return 3;
    }
}
