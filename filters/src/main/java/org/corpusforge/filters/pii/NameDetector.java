package org.corpusforge.filters.pii;

import java.util.List;
import java.util.Set;
import org.corpusforge.filters.text.MorphTokenizer;

/**
 * Person names: runs of Kuromoji tokens tagged {@code 名詞-固有名詞-人名} directly followed by an honorific
 * (さん, 様, 氏, 君, ちゃん, 殿, 先生) or directly after a label ({@code 氏名:}, {@code 名前:}). The honorific or
 * label stays; the name goes. One tokenizer per instance, reused; not thread-safe.
 */
final class NameDetector implements PiiDetector {
    private static final Set<String> HONORIFICS = Set.of("さん", "様", "さま", "氏", "君", "くん", "ちゃん", "殿", "先生");
    private static final Set<String> LABELS = Set.of("氏名", "名前", "お名前");

    @Override
    public String type() {
        return "name";
    }

    private record Token(String text, int start, int end, boolean name) {}

    @Override
    public void find(String text, List<PiiSpan> out) {
        List<Token> tokens = MorphTokenizer.forCurrentThread().tokenize(text).stream()
                .map(t -> new Token(t.surface(), t.start(), t.end(), t.partOfSpeech().startsWith("名詞-固有名詞-人名")))
                .toList();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).name()) {
                continue;
            }
            int j = i;
            while (j + 1 < tokens.size() && tokens.get(j + 1).name() && tokens.get(j + 1).start() == tokens.get(j).end()) {
                j++;
            }
            boolean honorific = j + 1 < tokens.size() && HONORIFICS.contains(tokens.get(j + 1).text())
                    && tokens.get(j + 1).start() == tokens.get(j).end();
            boolean labelled = i >= 2 && LABELS.contains(tokens.get(i - 2).text())
                    && (tokens.get(i - 1).text().equals(":") || tokens.get(i - 1).text().equals("："));
            if (honorific || labelled) {
                out.add(new PiiSpan(tokens.get(i).start(), tokens.get(j).end(), type()));
            }
            i = j;
        }
    }
}
