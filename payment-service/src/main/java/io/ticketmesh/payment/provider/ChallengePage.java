package io.ticketmesh.payment.provider;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The simulated provider's 3-D Secure page, where {@code next_action_url} points: the customer approves or
 * fails the challenge, the provider tells payment-service by webhook and sends the browser to the return URL.
 */
@RestController
@RequestMapping("/simulated-provider/challenges/{chargeId}")
public class ChallengePage {
    private final SimulatedCardProvider provider;

    public ChallengePage(SimulatedCardProvider provider) {
        this.provider = provider;
    }

    @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> show(@PathVariable String chargeId) {
        return provider.charge(chargeId).map(charge -> {
            String id = HtmlUtils.htmlEscape(chargeId);
            String body = charge.getStatus().equals("requires_action")
                    ? "<p>Confirm the payment of " + charge.getAmountMinor() / 100 + "." + String.format("%02d", charge.getAmountMinor() % 100)
                      + " " + charge.getCurrency() + " with your " + charge.getCardBrand() + " ending " + charge.getCardLast4() + ".</p>"
                      + "<form method=post action=\"" + id + "/complete\"><button>Confirm</button></form>"
                      + "<form method=post action=\"" + id + "/fail\"><button>Cancel</button></form>"
                    : "<p>This challenge is no longer open (" + HtmlUtils.htmlEscape(charge.getStatus()) + ").</p>";
            return ResponseEntity.ok("<!doctype html><title>3-D Secure</title><h1>Simulated bank</h1>" + body);
        }).orElse(ResponseEntity.status(HttpStatus.NOT_FOUND).body("<!doctype html><p>No such challenge.</p>"));
    }

    @PostMapping("/complete")
    public ResponseEntity<String> complete(@PathVariable String chargeId) {
        return finish(chargeId, true);
    }

    @PostMapping("/fail")
    public ResponseEntity<String> fail(@PathVariable String chargeId) {
        return finish(chargeId, false);
    }

    private ResponseEntity<String> finish(String chargeId, boolean passed) {
        return provider.completeChallenge(chargeId, passed)
                .map(returnUrl -> returnUrl == null || returnUrl.isBlank()
                        ? ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body("<!doctype html><p>Done. You may close this page.</p>")
                        : ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(returnUrl)).<String>build())
                .orElse(ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.TEXT_HTML)
                        .body("<!doctype html><p>This challenge is no longer open.</p>"));
    }
}
