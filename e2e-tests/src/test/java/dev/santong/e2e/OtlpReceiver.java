package dev.santong.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.zip.GZIPInputStream;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1:4318 for the whole e2e run, where ./santong test has the suite export its
 * spans: a test asks which spans of a trace arrived, from which service. Keeps the latest 50,000 spans.
 */
public class OtlpReceiver implements LauncherSessionListener {

    public static final int PORT = 4318;
    private static final int KEPT = 50_000;
    private static final ConcurrentLinkedDeque<ReceivedSpan> SPANS = new ConcurrentLinkedDeque<>();
    private static volatile boolean listening;
    private HttpServer server;

    /** One span as received: its trace, its own id, its parent's (empty for a root) and the service that sent it. */
    public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String service) {
    }

    public static boolean listening() {
        return listening;
    }

    /** Spans whose name starts with {@code prefix} (Spring names a scheduled run's span "task " and the method). */
    public static List<ReceivedSpan> namedLike(String prefix) {
        return SPANS.stream().filter(span -> span.name().startsWith(prefix)).toList();
    }

    public static List<ReceivedSpan> ofTrace(String traceId) {
        return SPANS.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        } catch (BindException taken) {
            return;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/traces", this::receive);
        server.start();
        listening = true;
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (server != null) {
            server.stop(0);
            listening = false;
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        int status = 200;
        try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = resource.getResource().getAttributesList().stream().filter(a -> a.getKey().equals("service.name"))
                        .map(KeyValue::getValue).map(value -> value.getStringValue()).findFirst().orElse("");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    scope.getSpansList().forEach(span -> SPANS.add(new ReceivedSpan(hex(span.getTraceId().toByteArray()),
                            hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()), span.getName(), service)));
                }
            }
            while (SPANS.size() > KEPT) {
                SPANS.pollFirst();
            }
        } catch (IOException | RuntimeException unreadable) {
            status = 400;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
