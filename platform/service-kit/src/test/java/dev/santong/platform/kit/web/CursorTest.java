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
    void aMomentAndKeyCursorGivesTheQueryItsParametersToTheMicrosecond() {
        String encoded = Cursor.at(java.time.Instant.parse("2026-11-20T10:00:00.123456789Z"), 42L).encoded();
        Cursor.After after = Cursor.after(encoded);
        assertThat(after.at()).as("as the columns keep it").isEqualTo(dev.santong.platform.kit.persistence.SqlTime.of(
                java.time.Instant.parse("2026-11-20T10:00:00.123456Z")));
        assertThat(after.keyAsNumber()).isEqualTo(42L);
        assertThat(Cursor.after(null)).isEqualTo(new Cursor.After(null, null));
        assertThat(Cursor.after(null).keyAsNumber()).isNull();
        String forged = Cursor.of("yesterday", "42").encoded();
        assertThatThrownBy(() -> Cursor.after(forged)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Cursor.after(Cursor.of("1", "not-a-number").encoded()).keyAsNumber())
                .isInstanceOf(InvalidRequestException.class);
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
