package dev.santong.platform.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A schema of its own for one test class, granted to the service's own database user only, so tests run
 * with the privileges production has and never see each other's rows.
 */
public final class FreshSchema {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9_]{1,48}");

    private final LocalStack stack;
    private final String name;

    private FreshSchema(LocalStack stack, String name) {
        this.stack = stack;
        this.name = name;
    }

    /** Creates {@code <baseSchema>_t<random>} and grants it to {@code serviceUser}. */
    public static FreshSchema create(LocalStack stack, String baseSchema, String serviceUser) {
        if (!SAFE_NAME.matcher(baseSchema).matches() || !SAFE_NAME.matcher(serviceUser).matches()) {
            throw new IllegalArgumentException("unexpected schema or user name: " + baseSchema + ", " + serviceUser);
        }
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        String name = baseSchema + "_t" + HexFormat.of().formatHex(random);
        stack.requireReachable();
        execute(stack, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
                "GRANT ALL PRIVILEGES ON " + name + ".* TO '" + serviceUser + "'@'%'");
        return new FreshSchema(stack, name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return stack.jdbcUrl(name);
    }

    public void drop() {
        execute(stack, "DROP DATABASE IF EXISTS " + name);
    }

    private static void execute(LocalStack stack, String... statements) {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(""), stack.dbAdminUser(), stack.dbAdminPassword());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the test schema with the admin account "
                    + stack.dbAdminUser() + " (is ./santong infra up done?)", e);
        }
    }
}
