package dev.santong.platform.kit.tracing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The trace goes on where work leaves the request's thread: into the application's task executor (the outbox's
 * asynchronous deliveries, so a delivery's call is a span of the trace that published the event) and into durable work
 * ({@link TraceParents}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration")
@ConditionalOnClass(Tracer.class)
public class TracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TraceParents traceParents(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TraceParents(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    /**
     * A scheduled job's every run (the outbox looks every 2 s) would be a trace of its own: thousands a day of traces with
     * nothing in them. What a job does that matters (a call to another service) is traced on its own.
     */
    @Bean
    ObservationPredicate noScheduledRunObservations() {
        return (name, context) -> !"tasks.scheduled.execution".equals(name);
    }

    /** Boot's task executor takes the one TaskDecorator there is: the observation (and with it the span) travels with the task. */
    @Bean
    @ConditionalOnMissingBean(TaskDecorator.class)
    TaskDecorator contextPropagatingTaskDecorator() {
        return new ContextPropagatingTaskDecorator();
    }
}
