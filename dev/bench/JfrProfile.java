import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's CPU went during a benchmark: the share of JFR execution samples whose stack passes through each
 * area (inclusive, so an area's figure counts what it calls), and the hottest methods by their own samples.
 * Usage: java JfrProfile.java recording.jfr
 */
public class JfrProfile {

    /** Checked in order; a sample counts once for every area whose pattern a frame of its stack matches. */
    static final Map<String, List<String>> AREAS = new LinkedHashMap<>();
    static {
        AREAS.put("JWT decoding and checks", List.of("org.springframework.security.oauth2.jwt.", "com.nimbusds."));
        AREAS.put("Spring Security (all)", List.of("org.springframework.security."));
        AREAS.put("HTTP firewall", List.of("org.springframework.security.web.firewall."));
        AREAS.put("Micrometer and tracing", List.of("io.micrometer.", "io.opentelemetry."));
        AREAS.put("JDBC driver", List.of("com.mysql."));
        AREAS.put("connection pool", List.of("com.zaxxer.hikari."));
        AREAS.put("Spring transactions", List.of("org.springframework.transaction."));
        AREAS.put("Jackson", List.of("tools.jackson.", "com.fasterxml.jackson."));
        AREAS.put("validation", List.of("org.hibernate.validator.", "jakarta.validation."));
        AREAS.put("logging", List.of("ch.qos.logback.", "org.slf4j."));
        AREAS.put("Redis (Redisson)", List.of("org.redisson."));
        AREAS.put("Netty", List.of("io.netty.", "reactor.netty."));
        AREAS.put("Feign and load balancer", List.of("feign.", "org.springframework.cloud.openfeign.", "org.springframework.cloud.loadbalancer."));
        AREAS.put("gateway routing", List.of("org.springframework.cloud.gateway."));
        AREAS.put("reactor", List.of("reactor."));
        AREAS.put("application (dev.santong)", List.of("dev.santong."));
    }

    /** The area of the innermost frame outside the JDK, else the package of the top frame. */
    static String ownArea(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("javax.")) {
                continue;
            }
            if (type.startsWith("org.springframework.security.") && !type.startsWith("org.springframework.security.oauth2.jwt.")
                    && !type.startsWith("org.springframework.security.web.firewall.")) {
                return "Spring Security (the rest)";
            }
            for (Map.Entry<String, List<String>> area : AREAS.entrySet()) {
                if (!area.getKey().startsWith("Spring Security") && area.getValue().stream().anyMatch(type::startsWith)) {
                    return area.getKey();
                }
            }
            String[] parts = type.split("\\.");
            return parts.length > 3 ? String.join(".", parts[0], parts[1], parts[2]) : type;
        }
        return frames.isEmpty() ? "(no frames)" : "JDK: " + frames.getFirst().getMethod().getType().getName();
    }

    /** The first two frames below the area's own, outside it and the JDK: who asked for the work. */
    static String callerOutside(List<RecordedFrame> frames, String area) {
        boolean inside = false;
        StringBuilder path = new StringBuilder();
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            boolean jdk = type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.");
            boolean mine = !jdk && ownArea(List.of(frame)).equals(area);
            if (mine) {
                inside = true;
            } else if (inside && !jdk) {
                path.append(path.isEmpty() ? "" : " <- ").append(type.substring(type.lastIndexOf('.') + 1)).append('.').append(frame.getMethod().getName());
                if (path.toString().contains(" <- ")) {
                    return path.toString();
                }
            }
        }
        return path.isEmpty() ? "(top)" : path.toString();
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> inclusive = new LinkedHashMap<>();
        Map<String, Integer> self = new TreeMap<>();
        Map<String, Integer> own = new TreeMap<>();
        Map<String, Integer> callers = new TreeMap<>();
        int samples = 0;
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (!frames.isEmpty()) {
                    RecordedFrame top = frames.getFirst();
                    self.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
                }
                String ownArea = ownArea(frames);
                own.merge(ownArea, 1, Integer::sum);
                if (args.length > 1 && ownArea.equals(args[1])) {
                    callers.merge(callerOutside(frames, ownArea), 1, Integer::sum);
                }
                for (Map.Entry<String, List<String>> area : AREAS.entrySet()) {
                    if (frames.stream().anyMatch(f -> area.getValue().stream().anyMatch(p -> f.getMethod().getType().getName().startsWith(p)))) {
                        inclusive.merge(area.getKey(), 1, Integer::sum);
                    }
                }
            }
        }
        System.out.printf("%d execution samples%n", samples);
        for (String area : AREAS.keySet()) {
            System.out.printf("  %-28s %5.1f %%%n", area, 100.0 * inclusive.getOrDefault(area, 0) / Math.max(1, samples));
        }
        int total = samples;
        System.out.println("  by the innermost library on the stack (the JDK's own frames count for their caller):");
        own.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(20)
                .forEach(e -> System.out.printf("    %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
        if (args.length > 1) {
            System.out.println("  what calls into " + args[1] + ":");
            callers.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                    .forEach(e -> System.out.printf("    %5d  %s%n", e.getValue(), e.getKey()));
        }
        System.out.println("  hottest methods (own samples):");
        self.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(e -> System.out.printf("    %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }
}
