package dev.santong.platform.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class InvalidRequestExceptionTest {

    @Test
    void requireEachNamesEveryElementThatDoesNotMatch() {
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                () -> InvalidRequestException.requireEach("digests", Arrays.asList("ab", "zz", null), "[a-f]{2}", "must be hex"));
        assertThat(refused.errors()).extracting(InvalidField::field).containsExactly("digests[1]", "digests[2]");
        assertThatCode(() -> InvalidRequestException.requireEach("digests", List.of("ab", "cd"), "[a-f]{2}", "must be hex"))
                .doesNotThrowAnyException();
    }
}
