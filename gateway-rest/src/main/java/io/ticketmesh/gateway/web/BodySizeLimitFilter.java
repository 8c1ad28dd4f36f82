package io.ticketmesh.gateway.web;

import io.ticketmesh.gateway.config.GatewayProperties;
import io.ticketmesh.proto.common.v1.ErrorReason;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over the limit with 413 before anything reads them: at once when Content-Length says so, and
 * while reading for chunked bodies that grow past it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodySizeLimitFilter extends OncePerRequestFilter {
    /** Venue bodies carry whole seat maps (a 50,000-seat hall is about 5 MB of JSON). */
    private static final Pattern SEAT_MAP_PATHS = Pattern.compile("/api/v1/organizations/[^/]+/venues");
    private final long defaultLimit;
    private final long seatMapLimit;
    private final ProblemWriter problems;

    public BodySizeLimitFilter(GatewayProperties properties, ProblemWriter problems) {
        this.defaultLimit = properties.maxBodyBytes();
        this.seatMapLimit = properties.maxSeatMapBytes();
        this.problems = problems;
    }

    /** Thrown while reading a chunked body that passes the limit. */
    static final class TooLargeException extends IOException {
        TooLargeException() {
            super("request body too large");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = SEAT_MAP_PATHS.matcher(request.getRequestURI()).matches() ? seatMapLimit : defaultLimit;
        if (request.getContentLengthLong() > limit) {
            refuse(response, limit);
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, limit), response);
        } catch (TooLargeException e) {
            if (!response.isCommitted()) {
                response.reset();
                refuse(response, limit);
            }
        }
    }

    private void refuse(HttpServletResponse response, long limit) throws IOException {
        response.setHeader("Connection", "close");
        problems.write(response, Problems.of(HttpStatus.CONTENT_TOO_LARGE, ErrorReason.ERROR_REASON_PAYLOAD_TOO_LARGE,
                "the body may be at most " + limit + " bytes"));
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream delegate = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = delegate.read();
                        if (b >= 0 && ++read > limit) {
                            throw new TooLargeException();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = delegate.read(buffer, offset, length);
                        if (n > 0 && (read += n) > limit) {
                            throw new TooLargeException();
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return delegate.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return delegate.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        delegate.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
