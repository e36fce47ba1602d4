package dev.santong.platform.kit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.santong.platform.kit.problem.InvalidRequestException;

class CursorTest {

    @Test
    void aCursorReadsBackAsTheKeysItWasMadeOf() {
        String encoded = Cursor.of("2026-11-20T10:00:00Z", "OX-BLU-M").encoded();
        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.parse(encoded, 2).orElseThrow().keys()).containsExactly("2026-11-20T10:00:00Z", "OX-BLU-M");
        assertThat(Cursor.parse(null, 2)).isEmpty();
        assertThat(Cursor.parse(" ", 2)).isEmpty();
    }

    @Test
    void anythingAListDidNotGiveOutIsA400NamingTheCursor() {
        for (String made : List.of("xyz", "not-a-cursor!", "A".repeat(600), Cursor.of("a", "b").encoded())) {
            assertThatThrownBy(() -> Cursor.parse(made, 1)).as(made).isInstanceOf(InvalidRequestException.class)
                    .satisfies(e -> assertThat(((InvalidRequestException) e).errors().getFirst().field()).isEqualTo("cursor"));
        }
    }

    @Test
    void aPageNamesItsNextOnlyWhenThereIsMore() {
        Page<String> last = Page.of(List.of("a", "b"), 2, item -> Cursor.of(item));
        assertThat(last.next()).isNull();
        Page<String> more = Page.of(List.of("a", "b", "c"), 2, item -> Cursor.of(item));
        assertThat(more.items()).containsExactly("a", "b");
        assertThat(Cursor.parse(more.next(), 1).orElseThrow().key(0)).isEqualTo("b");
    }
}
