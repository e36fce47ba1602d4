package dev.santong.member.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.sun.net.httpserver.HttpServer;

/**
 * A service that takes relayed erasures (the only hook member-svc is given): it answers 503 while {@code down} says
 * so, 204 otherwise, and records each call as {@code "<status> <path> key=<Idempotency-Key> auth=<bearer sent> <body>"}.
 */
final class StubErasureHook {

    private final HttpServer server;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private StubErasureHook(BooleanSupplier down) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean refused = down.getAsBoolean();
            calls.add((refused ? "503 " : "204 ") + exchange.getRequestURI().getPath() + " key="
                    + exchange.getRequestHeaders().getFirst("Idempotency-Key") + " auth="
                    + (exchange.getRequestHeaders().getFirst("Authorization") != null) + " " + body);
            exchange.sendResponseHeaders(refused ? 503 : 204, -1);
            exchange.close();
        });
        server.start();
    }

    /**
     * Starts the hook and makes it the only one: the suite's real services get nothing, the outbox polls every
     * {@code poll} and backs off from {@code initialBackoff} to {@code maxBackoff}.
     */
    static StubErasureHook register(DynamicPropertyRegistry registry, BooleanSupplier down, String poll, String initialBackoff,
            String maxBackoff) {
        StubErasureHook hook = new StubErasureHook(down);
        registry.add("santong.privacy.erasure-hooks.channelsync", () -> "");
        registry.add("santong.privacy.erasure-hooks.aftersales", () -> "");
        registry.add("santong.privacy.erasure-hooks.stub", () -> "http://127.0.0.1:" + hook.server.getAddress().getPort());
        registry.add("santong.outbox.poll", () -> poll);
        registry.add("santong.outbox.initial-backoff", () -> initialBackoff);
        registry.add("santong.outbox.max-backoff", () -> maxBackoff);
        return hook;
    }

    List<String> calls() {
        return calls;
    }

    boolean delivered(String memberId) {
        return calls.stream().anyMatch(call -> call.startsWith("204 /internal/members/" + memberId + "/erasure "));
    }

    void stop() {
        server.stop(0);
    }
}
