package io.ticketmesh.gateway.web;

import io.grpc.Context;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.context.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the authenticated caller and the request id into the gRPC context for the rest of the request, so every
 * downstream call carries the caller's token and the request id (the platform's client interceptor reads them).
 */
@Component
@Order(-40)
public class GrpcContextFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        Caller caller = authentication != null && authentication.getPrincipal() instanceof Caller c ? c : Caller.ANONYMOUS;
        Context context = CallerContext.with(caller).withValue(RequestContext.contextKey(), RequestContext.currentRequestId());
        Context previous = context.attach();
        try {
            chain.doFilter(request, response);
        } finally {
            context.detach(previous);
        }
    }
}
