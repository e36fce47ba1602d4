package dev.santong.platform.kit.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlLikeTest {

    @Test
    void wildcardsInTheGivenTextMatchOnlyThemselves() {
        assertThat(SqlLike.startingWith("9-20261120-")).isEqualTo("9-20261120-%");
        assertThat(SqlLike.startingWith("a_b%c\\")).isEqualTo("a\\_b\\%c\\\\%");
    }
}
