package io.ticketmesh.realtime.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** The seat map socket at /ws/showtimes/{id}; seat maps are public, so any origin may open one. */
@Configuration
@EnableWebSocket
class WebSocketConfig implements WebSocketConfigurer {
    private final SeatMapSocket socket;

    WebSocketConfig(SeatMapSocket socket) {
        this.socket = socket;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(socket, "/ws/showtimes/*").setAllowedOriginPatterns("*");
    }
}
