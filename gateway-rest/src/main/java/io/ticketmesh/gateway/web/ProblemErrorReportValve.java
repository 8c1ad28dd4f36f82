package io.ticketmesh.gateway.web;

import io.ticketmesh.proto.common.v1.ErrorReason;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's answer to a request it refuses before any of the gateway's code runs (a request line or headers too large,
 * a malformed request line): a problem+json body like every other error of the gateway, instead of Tomcat's HTML page
 * naming the server. Errors the application answered itself have their body written already and pass untouched.
 */
public class ProblemErrorReportValve extends ErrorReportValve {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        HttpStatus status = HttpStatus.resolve(response.getStatus());
        if (status == null || !status.isError() || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ErrorReason reason = status == HttpStatus.BAD_REQUEST ? ErrorReason.ERROR_REASON_MALFORMED_REQUEST : ErrorReason.ERROR_REASON_UNSPECIFIED;
        String detail = status == HttpStatus.BAD_REQUEST ? "the request line or headers are malformed or too large" : null;
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            OutputStream body = response.getOutputStream();
            JSON.writeValue(body, ProblemWriter.asMap(Problems.of(status, reason, detail)));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response can no longer be written: nothing more to tell it
        }
    }

    /** Installs the valve as the host's error report valve. */
    @Component
    static class Installer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {
        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }
    }
}
