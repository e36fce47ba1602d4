package dev.santong.platform.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;

class ProblemStatusesTest {

    @Test
    void anAnonymousListCanOnlyBeInvalidLimitedOrUnavailable() {
        Operation list = new Operation().security(List.of()).addParametersItem(new QueryParameter().name("q"));
        assertThat(OpenApiAutoConfiguration.Documented.problemStatuses("/api/goods/shop/products", HttpMethod.GET, list))
                .containsOnlyKeys("400", "429", "503");
    }

    @Test
    void aStepOnANamedObjectWithABodyAndIfMatchCanAnswerEachOfItsRefusals() {
        Operation step = new Operation().addParametersItem(new PathParameter().name("caseId"))
                .addParametersItem(new HeaderParameter().name("If-Match")).requestBody(new RequestBody());
        assertThat(OpenApiAutoConfiguration.Documented.problemStatuses("/api/aftersales/cases/{caseId}/steps", HttpMethod.POST, step))
                .containsOnlyKeys("400", "401", "403", "404", "409", "412", "413", "415", "428", "429", "503");
    }

    @Test
    void aReadOfTheCallersOwnOrOfWhatAQueryNamesMayFindNothingAndAReadNeverConflicts() {
        assertThat(OpenApiAutoConfiguration.Documented.problemStatuses("/api/members/me/vouchers", HttpMethod.GET, new Operation()))
                .containsKey("404").doesNotContainKeys("409", "413", "415");
        assertThat(OpenApiAutoConfiguration.Documented.problemStatuses("/api/members/segments", HttpMethod.GET, new Operation()))
                .containsKeys("401", "403").doesNotContainKeys("404", "409");
        Operation lookup = new Operation().extensions(new java.util.HashMap<>(java.util.Map.of("x-may-find-nothing", true)));
        assertThat(OpenApiAutoConfiguration.Documented.problemStatuses("/api/members/lookup", HttpMethod.GET, lookup)).containsKey("404");
    }
}
