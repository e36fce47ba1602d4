package dev.santong.platform.kit.money;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import dev.santong.platform.kit.web.ApiVersions;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.FilterProvider;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.databind.ser.std.SimpleFilterProvider;

/**
 * Writes {@link MoneyInVersion1} fields as version 1 did, and {@link Version1Only} fields at all, for answers to version 1
 * clients only. The advice marks the writing of such an answer (a filter provider of ours, handed to the message
 * converter as a write hint); every other serialization (version 2 answers, caches, columns, events) writes the money
 * object and leaves version 1's fields out.
 */
public final class Version1Money {

    /** The marker: no Santong type declares a Jackson filter, so this provider changes nothing else. */
    static final FilterProvider VERSION_1_ANSWER = new SimpleFilterProvider().setFailOnUnknownId(false);

    private Version1Money() {
    }

    public static SimpleModule module() {
        return new SimpleModule("santong-version-1-money").setSerializerModifier(new ValueSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription.Supplier beanDesc,
                    List<BeanPropertyWriter> properties) {
                List<BeanPropertyWriter> changed = new ArrayList<>(properties.size());
                for (BeanPropertyWriter property : properties) {
                    MoneyInVersion1 version1 = property.getAnnotation(MoneyInVersion1.class);
                    if (property.getAnnotation(Version1Only.class) != null) {
                        changed.add(new Version1OnlyWriter(property));
                    } else if (version1 == null) {
                        changed.add(property);
                    } else if (!property.getType().hasRawClass(Money.class)) {
                        throw new IllegalStateException("@MoneyInVersion1 on " + beanDesc.getBeanClass().getName() + "." + property.getName()
                                + ", which is not Money");
                    } else {
                        changed.add(new Writer(property, version1));
                    }
                }
                return changed;
            }
        });
    }

    /** Gives the answers to version 1 clients the marker their money fields look for. */
    @RestControllerAdvice
    public static final class Advice implements ResponseBodyAdvice<Object> {

        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
            return AbstractJacksonHttpMessageConverter.class.isAssignableFrom(converterType);
        }

        @Override
        public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
            return body;
        }

        @Override
        public Map<String, Object> determineWriteHints(Object body, MethodParameter returnType, MediaType contentType,
                Class<? extends HttpMessageConverter<?>> converterType) {
            HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
                    ? servlet.getRequest() : null;
            return request != null && ApiVersions.isVersion1(request) ? Map.of(FilterProvider.class.getName(), VERSION_1_ANSWER) : Map.of();
        }
    }

    private static final class Version1OnlyWriter extends BeanPropertyWriter {

        Version1OnlyWriter(BeanPropertyWriter base) {
            super(base);
        }

        @Override
        public void serializeAsProperty(Object bean, JsonGenerator generator, SerializationContext context) throws Exception {
            if (context.getFilterProvider() == VERSION_1_ANSWER) {
                super.serializeAsProperty(bean, generator, context);
            }
        }
    }

    private static final class Writer extends BeanPropertyWriter {

        private final String amountName;
        private final String currencyName;
        private final boolean asObject;

        Writer(BeanPropertyWriter base, MoneyInVersion1 version1) {
            super(base);
            this.amountName = version1.amount().isEmpty() ? base.getName() : version1.amount();
            this.currencyName = version1.currency();
            this.asObject = version1.asObject();
        }

        @Override
        public void serializeAsProperty(Object bean, JsonGenerator generator, SerializationContext context) throws Exception {
            if (context.getFilterProvider() != VERSION_1_ANSWER) {
                super.serializeAsProperty(bean, generator, context);
                return;
            }
            Money money = (Money) get(bean);
            if (money == null) {
                if (!willSuppressNulls()) {
                    generator.writeName(amountName);
                    generator.writeNull();
                    if (!currencyName.isEmpty() && !asObject) {
                        generator.writeName(currencyName);
                        generator.writeNull();
                    }
                }
                return;
            }
            generator.writeName(amountName);
            if (asObject) {
                generator.writeStartObject();
                generator.writeName("amount");
                generator.writeNumber(money.amount());
                generator.writeName("currency");
                generator.writeString(money.currency());
                generator.writeEndObject();
                return;
            }
            generator.writeNumber(money.amount());
            if (!currencyName.isEmpty()) {
                generator.writeName(currencyName);
                generator.writeString(money.currency());
            }
        }
    }
}
