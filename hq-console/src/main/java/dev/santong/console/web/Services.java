package dev.santong.console.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services, called with the signed-in person's own access token (the services decide what that person may see
 * and do, as they do for every caller), in the page's language, as API version 2. A refusal or an outage becomes a
 * {@link ServiceFailure} a page shows in the part it could not load.
 */
@Component
public class Services {

    public enum Service { MEMBERS, GOODS, AFTERSALES, SYNC }

    private static final JsonMapper JSON = JsonMapper.shared();

    private final RestClient client;
    private final ConsoleProperties properties;

    Services(OAuth2AuthorizedClientManager authorizedClients, org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository sessions,
            ConsoleProperties properties) {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(properties.timeout());
        timeouts.setReadTimeout(properties.timeout());
        OAuth2ClientHttpRequestInterceptor userToken = new OAuth2ClientHttpRequestInterceptor(authorizedClients);
        userToken.setClientRegistrationIdResolver(request -> "keycloak");
        // A token a service does not accept (401) is dropped from the session, so the next page signs in again.
        userToken.setAuthorizationFailureHandler(OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(sessions));
        this.client = RestClient.builder().requestFactory(timeouts).requestInterceptor(userToken)
                .defaultHeader("API-Version", "2").build();
        this.properties = properties;
    }

    /**
     * A service's address with its path variables and query encoded (a cursor or a search text may hold any
     * character); query parameters without a value are left out.
     */
    public static String path(String template, Map<String, ?> query, Object... variables) {
        StringBuilder uri = new StringBuilder(UriComponentsBuilder.fromPath(template).encode().buildAndExpand(variables).toUriString());
        char separator = '?';
        for (Map.Entry<String, ?> parameter : query.entrySet()) {
            if (parameter.getValue() != null && !parameter.getValue().toString().isEmpty()) {
                // Each value encoded whole: '&', '=' and '+' in a search text stay part of it.
                uri.append(separator).append(parameter.getKey()).append('=')
                        .append(UriUtils.encode(parameter.getValue().toString(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return uri.toString();
    }

    /** Query parameters by name and value, in order; those without a value are left out by {@link #path}. */
    public static Map<String, Object> query(Object... namesAndValues) {
        Map<String, Object> query = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return query;
    }

    public JsonNode get(Service service, String pathAndQuery) {
        return exchange(service, "GET", pathAndQuery, null);
    }

    public JsonNode post(Service service, String path, Object body) {
        return exchange(service, "POST", path, body, Map.of());
    }

    public JsonNode put(Service service, String path, Object body) {
        return exchange(service, "PUT", path, body, Map.of());
    }

    public JsonNode delete(Service service, String path) {
        return exchange(service, "DELETE", path, null, Map.of());
    }

    /** A write on the version the page read ({@code If-Match}): a change made meanwhile is refused, not overwritten. */
    public JsonNode postIfMatch(Service service, String path, Object body, String etag) {
        return exchange(service, "POST", path, body, Map.of(HttpHeaders.IF_MATCH, etag));
    }

    private JsonNode exchange(Service service, String method, String pathAndQuery, Object body) {
        return exchange(service, method, pathAndQuery, body, Map.of());
    }

    private JsonNode exchange(Service service, String method, String pathAndQuery, Object body, Map<String, String> headers) {
        URI uri = URI.create(base(service) + pathAndQuery);
        try {
            RestClient.RequestBodySpec request = client.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
                    .header(HttpHeaders.ACCEPT_LANGUAGE, LocaleContextHolder.getLocale().toLanguageTag());
            headers.forEach(request::header);
            if (body != null) {
                request.contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(body);
            }
            String answer = request.retrieve().body(String.class);
            return answer == null || answer.isBlank() ? JSON.nullNode() : JSON.readTree(answer);
        } catch (RestClientResponseException refused) {
            if (refused.getStatusCode().value() == 401) {
                throw new SignInAgain("a service no longer accepts the person's token");
            }
            throw ServiceFailure.refused(service, refused.getStatusCode().value(), readProblem(refused.getResponseBodyAsString()));
        } catch (ResourceAccessException unreachable) {
            throw ServiceFailure.unavailable(service);
        } catch (org.springframework.security.oauth2.core.OAuth2AuthorizationException refreshRefused) {
            // Keycloak refused to renew the token (its session ended or expired); the tokens were removed.
            throw new SignInAgain("the token could not be renewed: " + refreshRefused.getError().getErrorCode());
        }
    }

    private static JsonNode readProblem(String body) {
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.nullNode();
        }
    }

    private URI base(Service service) {
        return switch (service) {
            case MEMBERS -> properties.members();
            case GOODS -> properties.goods();
            case AFTERSALES -> properties.aftersales();
            case SYNC -> properties.sync();
        };
    }

    static String serviceName(Service service) {
        return service.name().toLowerCase(Locale.ROOT);
    }
}
