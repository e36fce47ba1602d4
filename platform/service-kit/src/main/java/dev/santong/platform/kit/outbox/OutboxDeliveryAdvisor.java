package dev.santong.platform.kit.outbox;

import java.lang.reflect.Method;
import java.time.Clock;

import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.modulith.events.ApplicationModuleListener;

import feign.FeignException;

/**
 * Around every {@code @ApplicationModuleListener} that takes an {@link OutboxEvent}, outside the registry's own advice
 * (which marks the publication completed, or failed and rethrows): a failed delivery leaves its reason for HQ (an HTTP
 * status or an exception class; a remote's error text is not ours to keep) and one log line with the event's key, and
 * goes no further, so the asynchronous caller does not log it again with a stack trace at every attempt. A delivery
 * that succeeds clears the reason.
 */
class OutboxDeliveryAdvisor extends AbstractPointcutAdvisor {

    private static final Logger log = LoggerFactory.getLogger(OutboxDeliveryAdvisor.class);
    /** Feign is optional in the kit: a service that relays with RestClient does not have it. */
    private static final boolean FEIGN = ClassUtils.isPresent("feign.FeignException", OutboxDeliveryAdvisor.class.getClassLoader());

    // Looked up at the first delivery: an advisor is created before the beans it would otherwise pull in early.
    private final transient ObjectProvider<OutboxFailures> failures;
    private final transient ObjectProvider<Clock> clock;

    OutboxDeliveryAdvisor(ObjectProvider<OutboxFailures> failures, ObjectProvider<Clock> clock) {
        this.failures = failures;
        this.clock = clock;
        // The registry's advice runs at HIGHEST_PRECEDENCE + 10: this one is outside it.
        setOrder(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public Pointcut getPointcut() {
        return new StaticMethodMatcherPointcut() {
            @Override
            public boolean matches(Method method, Class<?> targetClass) {
                return delivers(method);
            }
        };
    }

    @Override
    public Advice getAdvice() {
        return (MethodInterceptor) invocation -> {
            OutboxEvent event = (OutboxEvent) invocation.getArguments()[0];
            OutboxFailures.Key key = new OutboxFailures.Key(event.getClass().getName(), event.key());
            try {
                Object result = invocation.proceed();
                failures.getObject().clear(key);
                return result;
            } catch (Throwable failure) {
                String reason = reasonOf(failure);
                log.warn("outbox delivery of {} {} failed: {}", event.getClass().getSimpleName(), event.key(), reason);
                failures.getObject().record(key, reason, clock.getIfAvailable(Clock::systemUTC).instant());
                return null;
            }
        };
    }

    /** Whether the method is an outbox delivery: an {@code @ApplicationModuleListener} of an {@link OutboxEvent}. */
    static boolean delivers(Method method) {
        return method.getParameterCount() == 1 && OutboxEvent.class.isAssignableFrom(method.getParameterTypes()[0])
                && AnnotatedElementUtils.hasAnnotation(method, ApplicationModuleListener.class);
    }

    static String reasonOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.web.client.RestClientResponseException response) {
                return "HTTP " + response.getStatusCode().value();
            }
            if (FEIGN && FeignStatus.of(cause) > 0) {
                return "HTTP " + FeignStatus.of(cause);
            }
        }
        return failure.getClass().getSimpleName();
    }

    /** Kept apart so that this class loads without Feign. */
    private static final class FeignStatus {

        static int of(Throwable failure) {
            return failure instanceof FeignException feign ? feign.status() : -1;
        }
    }
}
