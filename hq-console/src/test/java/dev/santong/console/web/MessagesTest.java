package dev.santong.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.LineNumberReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** Every word of the console exists in both languages, once. */
class MessagesTest {

    private static List<String> keys(String resource) throws IOException {
        List<String> keys = new ArrayList<>();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/" + resource);
                LineNumberReader lines = new LineNumberReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    keys.add(line.substring(0, line.indexOf('=')));
                }
            }
        }
        return keys;
    }

    @Test
    void chineseAndEnglishHaveTheSameKeysEachOnce() throws IOException {
        List<String> english = keys("messages.properties");
        List<String> chinese = keys("messages_zh_CN.properties");
        assertThat(english).doesNotHaveDuplicates();
        assertThat(chinese).doesNotHaveDuplicates();
        Set<String> onlyEnglish = new TreeSet<>(english);
        onlyEnglish.removeAll(chinese);
        Set<String> onlyChinese = new TreeSet<>(chinese);
        onlyChinese.removeAll(english);
        assertThat(onlyEnglish).as("without Chinese words").isEmpty();
        assertThat(onlyChinese).as("without English words").isEmpty();
    }
}
