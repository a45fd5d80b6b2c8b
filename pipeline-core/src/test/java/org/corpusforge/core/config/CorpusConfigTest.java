package org.corpusforge.core.config;

import org.corpusforge.core.source.InputSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.corpusforge.core.model.SourceKind;
import org.junit.jupiter.api.Test;

class CorpusConfigTest {
    private static final String MINIMAL = """
            inputs:
              - path: data/*.jsonl
            """;

    private static CorpusConfig parse(String yaml) {
        CorpusConfig c = CorpusConfig.parse(yaml, List.of());
        c.stageNodes().forEach(n -> n.string("name", null));
        return c.finish();
    }

    @Test
    void aSettingOfTheInputsThatInputReplacesIsAnErrorAndInputDefaultsReachEveryInput() {
        ConfigException lost = assertThrows(ConfigException.class, () -> CorpusConfig.parse(MINIMAL,
                List.of("hf/data"), java.util.Map.of("inputs[0].jsonl.text_field", "content")));
        assertEquals("inputs[0].jsonl.text_field: --input replaces the config's inputs, and this setting with them; "
                + "set input_defaults.jsonl.text_field to apply it to every input", lost.getMessage());
        CorpusConfig c = CorpusConfig.parse(MINIMAL, List.of("hf/data", "more/"),
                java.util.Map.of("input_defaults.jsonl.text_field", "content")).finish();
        assertEquals(List.of("content", "content"), c.inputs().stream().map(i -> i.jsonl().textField()).toList());
    }

    /**
     * YAML 1.2's booleans only (issue 48): {@code license: off} is the word off, not the licence "false";
     * {@code name: no} the input named no; a setting that wants true or false refuses yes, no, on and off by name.
     */
    @Test
    void yesNoOnAndOffAreWordsAndABooleanSettingSaysSo() {
        CorpusConfig c = parse("""
                inputs:
                  - {path: data/*.jsonl, name: no, license: off}
                """);
        assertEquals("no", c.inputs().get(0).name());
        assertEquals("off", c.inputs().get(0).license());
        CorpusConfig set = CorpusConfig.parse(MINIMAL, List.of(), java.util.Map.of("inputs[0].license", "on")).finish();
        assertEquals("on", set.inputs().get(0).license());
        ConfigException word = assertThrows(ConfigException.class, () -> parse(MINIMAL + "output: {write_dropped: yes}\n"));
        assertEquals("output.write_dropped: expected true or false, got \"yes\" (corpusforge reads YAML 1.2, where "
                + "yes, no, on and off are words)", word.getMessage());
        assertTrue(parse(MINIMAL + "output: {write_dropped: true}\n").output().writeDropped());
    }

    @Test
    void defaultsAreFilledInAndRecordedInTheEffectiveConfig() {
        CorpusConfig c = parse(MINIMAL);
        InputSpec in = c.inputs().get(0);
        assertEquals("auto", in.format());
        assertEquals(null, in.source(), "auto: the source kind follows each file's format");
        assertEquals("text", in.jsonl().textField());
        assertEquals(512L << 20, c.output().shardTargetTextBytes());
        assertTrue(c.effectiveJson().contains("\"shard_target_text_bytes\":536870912"), c.effectiveJson());
        assertEquals(64, c.effectiveSha256().length());
    }

    @Test
    void inputDefaultsApplyToEveryInputAndEntriesOverrideThem() {
        CorpusConfig c = parse("""
                input_defaults:
                  source: book
                  jsonl: {text_field: body, id_field: key}
                inputs:
                  - path: a.jsonl
                  - path: b.jsonl
                    source: transcript
                    jsonl: {text_field: content}
                """);
        assertEquals(SourceKind.BOOK, c.inputs().get(0).source());
        assertEquals("body", c.inputs().get(0).jsonl().textField());
        assertEquals(SourceKind.TRANSCRIPT, c.inputs().get(1).source());
        assertEquals("content", c.inputs().get(1).jsonl().textField());
        assertEquals("key", c.inputs().get(1).jsonl().idField());
    }

    @Test
    void commandLineInputsReplaceTheConfiguredOnes() {
        CorpusConfig c = CorpusConfig.parse(MINIMAL, List.of("x/one.txt", "y/*.jsonl.gz")).finish();
        assertEquals(List.of("x/one.txt", "y/*.jsonl.gz"), c.inputs().stream().map(InputSpec::path).toList());
    }

    @Test
    void theSameTextGivesTheSameChecksum() {
        assertEquals(parse(MINIMAL).effectiveSha256(), parse(MINIMAL).effectiveSha256());
        assertTrue(!parse(MINIMAL).effectiveSha256().equals(parse(MINIMAL + "output: {shard_target_text_bytes: 5}\n")
                .effectiveSha256()));
    }

    @Test
    void errorsNameTheKeyAndWhatWasExpected() {
        assertMessage("output.shard_target_text_bytes: expected a whole number, got \"big\"",
                MINIMAL + "output: {shard_target_text_bytes: big}\n");
        assertMessage("unknown key 'shard_size'", MINIMAL + "output: {shard_size: 5}\n");
        assertMessage("inputs[0].source: expected one of auto, web, book, transcript, got \"novel\"",
                "inputs: [{path: a, source: novel}]\n");
        assertMessage("inputs[0] (a): missing required key 'path'", "inputs: [{name: a}]\n");
        assertMessage("inputs: expected at least one input", "output: {}\n");
        assertMessage("not valid YAML at line", "inputs: [a\n  b: : c\n");
        assertMessage("the configuration is empty", "");
        assertMessage("named group (?<text>...)", "inputs: [{path: a, text: {unit: line, line_pattern: 'x'}}]\n");
        assertMessage("not a valid regular expression", "inputs: [{path: a, text: {unit: line, line_pattern: '(?<text>'}}]\n");
        assertMessage("inputs[0].text.line_pattern: only used with unit: line",
                "inputs: [{path: a, text: {line_pattern: '(?<text>.*)'}}]\n");
    }

    private static void assertMessage(String expected, String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
    }

    @Test
    void setReachesAStagesSettingsByNameIdOrPosition() {
        String stages = MINIMAL + "stages:\n  - name: normalize\n  - name: quality\n    rules: {min_chars: 400}\n"
                + "  - name: length-ratio\n    id: short\n  - name: length-ratio\n    id: long\n";
        CorpusConfig byName = CorpusConfig.parse(stages, List.of(), java.util.Map.of("stages.quality.rules.min_chars", "100",
                "stages.short.min_chars", "5", "stages[3].max_chars", "9000", "stages.0.nfkc", "false"));
        assertEquals(100, byName.stageNodes().get(1).child("rules").intValue("min_chars", 0, 0, 1000));
        assertEquals(5, byName.stageNodes().get(2).intValue("min_chars", 0, 0, 1000));
        assertEquals(9000, byName.stageNodes().get(3).intValue("max_chars", 0, 0, 100_000));
        assertEquals(false, byName.stageNodes().get(0).bool("nfkc", true));
        assertEquals("stages.quality.rules.min_chars", byName.setKeyFor("stages[1].rules.min_chars"));
        ConfigException twice = assertThrows(ConfigException.class, () -> CorpusConfig.parse(
                stages.replace("    id: short\n", "").replace("    id: long\n", ""), List.of(),
                java.util.Map.of("stages.length-ratio.min_chars", "5")));
        assertTrue(twice.getMessage().contains("stages has 2 entries named length-ratio; give one by position (stages[2])"),
                twice.getMessage());
        ConfigException none = assertThrows(ConfigException.class, () -> CorpusConfig.parse(stages, List.of(),
                java.util.Map.of("stages.pii.max_density", "0.2")));
        assertTrue(none.getMessage().contains("stages has no entry pii (it has: normalize, quality, short, long)"),
                none.getMessage());
        assertEquals("stages.pii.max_density", none.key());
        ConfigException beyond = assertThrows(ConfigException.class, () -> CorpusConfig.parse(stages, List.of(),
                java.util.Map.of("stages[7].min_chars", "5")));
        assertTrue(beyond.getMessage().contains("stages has 4 entries, no [7]"), beyond.getMessage());
    }

    @Test
    void duplicateKeysAliasesAndTabsAreRefusedInOneLine() {
        // a second stages: list once replaced the first without a word
        assertMessage("not valid YAML at line 4: Duplicate field 'stages'",
                MINIMAL + "stages: [{name: pii}]\nstages: [{name: normalize}]\n");
        assertMessage("not valid YAML at line 5: Duplicate field 'shuffle_seed'",
                MINIMAL + "output:\n  shuffle_seed: 1\n  shuffle_seed: 2\n");
        assertMessage("line 4: the YAML alias *seed is not supported",
                MINIMAL + "dedup: {seed: &seed 7}\noutput: {shuffle_seed: *seed}\n");
        assertMessage("the YAML alias *base is not supported",
                MINIMAL + "base: &base {dp_size: 2}\noutput:\n  <<: *base\n");
        assertMessage("not valid YAML at line 4: while scanning for the next token; found character", MINIMAL + "output:\n\tdp_size: 2\n");
    }

    @Test
    void credentialsAreRedactedButCorpusSettingsNamedAfterTokensAreNot() {
        for (String secret : List.of("spark.hadoop.fs.s3a.secret.key", "spark.hadoop.fs.s3a.session.token", "token",
                "hf_token", "fs.s3a.access.key", "api-token", "password")) {
            assertTrue(CorpusConfig.SENSITIVE.matcher(secret).matches(), secret);
        }
        for (String setting : List.of("shard_target_tokens", "eod_token", "write_ids", "max_tokens", "min_chars")) {
            assertFalse(CorpusConfig.SENSITIVE.matcher(setting).matches(), setting);
        }
    }
}
