package dev.santong.platform.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

/**
 * member-svc relays with RestClient and has no Feign: the outbox still says why a delivery failed when the service
 * it calls is not even listening (the commonest failure), and when it answers with an error.
 */
class OutboxReasonWithoutFeignTest {

    @Test
    void aServiceThatIsNotListeningIsAReasonToo() {
        assertThatThrownBy(() -> Class.forName("feign.FeignException")).as("this module has no Feign").isInstanceOf(ClassNotFoundException.class);
        assertThat(OutboxDeliveryAdvisor.reasonOf(new ResourceAccessException("I/O error", new ConnectException("Connection refused"))))
                .isEqualTo("ResourceAccessException");
        assertThat(OutboxDeliveryAdvisor.reasonOf(new HttpServerErrorException(org.springframework.http.HttpStatus.BAD_GATEWAY)))
                .isEqualTo("HTTP 502");
    }
}
