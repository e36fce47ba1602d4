package dev.santong.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The person's tokens live in their own session, against the real Keycloak: a token Keycloak will not renew (its
 * session there ended) ends the console's session and sends the person to sign in again, from a page or from one of
 * its parts; another session of the same person keeps its own tokens and goes on.
 */
@SpringBootTest(properties = "santong.console.sync=http://127.0.0.1:9")
@AutoConfigureMockMvc
class ConsoleSessionIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    ClientRegistrationRepository registrations;

    @Autowired
    OAuth2AuthorizedClientRepository authorizedClients;

    /** A session as the code flow leaves it: HQ admin signed in, with an access token expiring at {@code expiresAt}. */
    private MockHttpSession signedIn(String accessToken, Instant expiresAt, String refreshToken) {
        Instant issued = expiresAt.minusSeconds(300);
        OidcIdToken id = new OidcIdToken("id-token", issued, issued.plusSeconds(3600), Map.of("sub", "hq-admin-subject",
                "preferred_username", "hq-admin"));
        DefaultOidcUser user = new DefaultOidcUser(List.of(new SimpleGrantedAuthority("ROLE_hq-admin")), id, "preferred_username");
        OAuth2AuthenticationToken authentication = new OAuth2AuthenticationToken(user, user.getAuthorities(), "keycloak");
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, new SecurityContextImpl(authentication));
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setSession(session);
        authorizedClients.saveAuthorizedClient(new OAuth2AuthorizedClient(registrations.findByRegistrationId("keycloak"), "hq-admin",
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, issued, expiresAt),
                new OAuth2RefreshToken(refreshToken, issued)), authentication, request, new MockHttpServletResponse());
        return session;
    }

    @Test
    void aTokenKeycloakWillNotRenewSendsThePersonToSignInAgainFromAPartOrAPage() throws Exception {
        MockHttpSession ended = signedIn("expired-access", Instant.now().minusSeconds(60), "a-refresh-token-keycloak-never-gave");
        MvcResult part = mvc.perform(get("/stores/drift").session(ended).header("HX-Request", "true")).andReturn();
        assertThat(part.getResponse().getStatus()).isEqualTo(200);
        assertThat(part.getResponse().getHeader("HX-Redirect")).as("htmx moves the whole page to sign in").isEqualTo("/");
        assertThat(ended.isInvalid()).as("the console's session ended, its tokens with it").isTrue();

        MockHttpSession endedToo = signedIn("expired-access", Instant.now().minusSeconds(60), "a-refresh-token-keycloak-never-gave");
        // A request of the whole page that calls a service (a CSV export, a part opened on its own).
        MvcResult page = mvc.perform(get("/goods/results/export.csv").session(endedToo)).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(302);
        assertThat(page.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(endedToo.isInvalid()).isTrue();
    }

    @Test
    void anotherSessionOfTheSamePersonKeepsItsOwnTokens() throws Exception {
        MockHttpSession current = signedIn("current-access", Instant.now().plusSeconds(300), "current-refresh");
        MockHttpSession ended = signedIn("expired-access", Instant.now().minusSeconds(60), "a-refresh-token-keycloak-never-gave");
        mvc.perform(get("/stores/drift").session(ended).header("HX-Request", "true")).andReturn();
        assertThat(ended.isInvalid()).isTrue();

        // Sync is pointed at a port nothing listens on: the part says it is unavailable, which is not a sign-in.
        MvcResult part = mvc.perform(get("/stores/drift").session(current).header("HX-Request", "true")).andReturn();
        assertThat(part.getResponse().getHeader("HX-Redirect")).isNull();
        assertThat(part.getResponse().getContentAsString()).contains("data-failure").contains("data-service=\"sync\"");
        assertThat(current.isInvalid()).isFalse();
    }
}
