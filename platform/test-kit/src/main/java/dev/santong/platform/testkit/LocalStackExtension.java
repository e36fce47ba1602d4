package dev.santong.platform.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Checks the stack answers before any test runs, and hands tests a {@link LocalStack} and {@link Tokens}. */
public class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context).requireReachable();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Tokens.class || type == LocalStack.class || type == RealmUsers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == LocalStack.class) {
            return stack(context);
        }
        if (parameter.getParameter().getType() == RealmUsers.class) {
            return new RealmUsers(stack(context));
        }
        // One token cache for the whole run: Keycloak is the slowest part of a test's set-up.
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Tokens.class, key -> new Tokens(stack(context)), Tokens.class);
    }

    private static LocalStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(LocalStack.class, key -> LocalStack.fromEnvironment(), LocalStack.class);
    }
}
