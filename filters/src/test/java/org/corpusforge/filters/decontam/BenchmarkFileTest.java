package org.corpusforge.filters.decontam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkFileTest {
    private static List<BenchmarkFile.Item> read(String content, String format, List<String> fields, String id) {
        return BenchmarkFile.read(content.getBytes(StandardCharsets.UTF_8), format, fields, id);
    }

    @Test
    void recognisesJglueFormats() {
        String squad = "{\"data\": [{\"title\": \"t\", \"paragraphs\": [{\"context\": \"文脈\", \"qas\": ["
                + "{\"id\": \"a1\", \"question\": \"問1\", \"answers\": []}, {\"id\": \"a2\", \"question\": \"問2\"}]}]}]}";
        assertEquals(List.of(new BenchmarkFile.Item("a1", List.of("問1", "文脈")),
                new BenchmarkFile.Item("a2", List.of("問2", "文脈"))), read(squad, "auto", List.of(), null));
        String choices = "{\"q_id\": 7, \"question\": \"問\", \"choice0\": \"a\", \"choice1\": \"b\", \"label\": 0}\n"
                + "\n{\"q_id\": 8, \"question\": \"問2\", \"choice0\": \"c\", \"choice1\": \"d\", \"label\": 1}\n";
        assertEquals(List.of(new BenchmarkFile.Item("7", List.of("問", "a", "b")),
                new BenchmarkFile.Item("8", List.of("問2", "c", "d"))), read(choices, "auto", List.of(), null));
        String pairs = "{\"sentence_pair_id\": \"0\", \"sentence1\": \"一\", \"sentence2\": \"二\", \"label\": 4.2}";
        assertEquals(List.of(new BenchmarkFile.Item("0", List.of("一", "二"))), read(pairs, "jsonl", List.of(), null));
    }

    @Test
    void namedFieldsListsAndNumbers() {
        String array = "[{\"prompt\": \"問\", \"options\": [\"x\", \"y\"], \"n\": 3}, {\"prompt\": \"問2\", \"options\": []}]";
        assertEquals(List.of(new BenchmarkFile.Item("1", List.of("問", "x", "y")),
                new BenchmarkFile.Item("2", List.of("問2"))), read(array, "auto", List.of("prompt", "options"), null));
        assertEquals("3", read(array.substring(0, array.indexOf("},")) + "}]", "json", List.of("prompt"), "n")
                .get(0).id());
    }

    @Test
    void saysWhatIsWrong() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> read("{\"q\": \"x\"}\n{\"q\": \"y\"", "auto", List.of("q"), null)).getMessage();
        assertTrue(message.contains("line 2"), message);
        message = assertThrows(IllegalArgumentException.class,
                () -> read("{\"q\": \"x\"}\n{\"r\": \"y\"}", "auto", List.of("q"), null)).getMessage();
        assertEquals("item 2: no field \"q\"", message);
        message = assertThrows(IllegalArgumentException.class,
                () -> read("{\"text\": \"x\"}", "auto", List.of(), null)).getMessage();
        assertTrue(message.contains("fields not recognised"), message);
        assertThrows(IllegalArgumentException.class, () -> read("[1, 2]", "squad", List.of(), null));
    }
}
