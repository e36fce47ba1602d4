package dev.santong.platform.kit.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as SQL parameters for DATETIME(6) columns that hold UTC. Sent as text with microseconds because MySQL
 * Connector/J misreads MariaDB 10.x's version string ("5.5.5-10.11…") and then drops fractional seconds from
 * {@code java.sql.Timestamp} parameters; MariaDB and MySQL 8 both parse this text exactly.
 */
public final class SqlTime {

    private static final DateTimeFormatter UTC_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private SqlTime() {
    }

    public static String of(Instant instant) {
        return instant == null ? null : UTC_MICROS.format(instant);
    }
}
