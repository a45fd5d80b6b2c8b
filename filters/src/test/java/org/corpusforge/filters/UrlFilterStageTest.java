package org.corpusforge.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.corpusforge.core.config.ConfigException;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.StageChain;
import org.corpusforge.core.stage.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of list, a UT1 directory the test makes, allow-lists, and hosts as DNS sees them. */
class UrlFilterStageTest {
    private static Document page(String url) {
        return new Document("d", "吾輩は猫である。", SourceKind.WEB, new Provenance("file:/x", "line:1", null),
                new Metadata(null, url, null, null, java.util.Map.of()));
    }

    private static StageChain chain(String stageYaml) {
        CorpusConfig c = CorpusConfig.parse("inputs: [{path: x}]\nstages:\n" + stageYaml, List.of());
        StageChain chain = StageCatalog.build(c.stageNodes());
        c.finish();
        return chain;
    }

    private static String fate(StageChain chain, String url) {
        var o = chain.process(page(url));
        return o.status() == org.corpusforge.core.stage.Outcome.Status.KEPT ? "kept" : o.reason() + " | " + o.detail();
    }

    @Test
    void eachKindOfListBlocksWhatItShouldAndNothingElse(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("hosts.txt"), "# NG hosts\nspam.example.com\nBAD.Example.org.\n");
        Files.writeString(tmp.resolve("domains.txt"), "casino.example\n例え.jp\n");
        Files.writeString(tmp.resolve("urls.txt"), "news.example.com/ads\n");
        Files.writeString(tmp.resolve("regex.txt"), "/wp-login\\.php\n");
        Files.writeString(tmp.resolve("keywords.txt"), "viagra\n");
        Files.writeString(tmp.resolve("allow.txt"), "good.casino.example\n");
        Path ut1 = tmp.resolve("blacklists");
        Files.createDirectories(ut1.resolve("adult"));
        Files.createDirectories(ut1.resolve("gambling"));
        Files.writeString(ut1.resolve("adult/domains"), "adult.example\n");
        Files.writeString(ut1.resolve("adult/urls"), "free.example/adult/page\n");
        Files.writeString(ut1.resolve("gambling/domains"), "bet.example\n");
        Files.writeString(ut1.resolve("gambling/urls"), "");
        StageChain chain = chain("""
                  - name: url-filter
                    block:
                      - {name: ng-hosts, kind: host, path: %1$s/hosts.txt}
                      - {name: ng-domains, kind: domain, path: %1$s/domains.txt}
                      - {name: ng-urls, kind: url, path: %1$s/urls.txt}
                      - {name: ng-regex, kind: regex, path: %1$s/regex.txt}
                      - {name: ng-words, kind: keyword, path: %1$s/keywords.txt}
                      - {name: ut1, kind: ut1, path: %1$s/blacklists, categories: [adult, gambling]}
                    allow:
                      - {name: ok, kind: host, path: %1$s/allow.txt}
                """.formatted(tmp));
        // hosts: exact, case, port, user info and trailing dot folded; a subdomain is not the host
        assertEquals("url:ng-hosts | host spam.example.com in ng-hosts", fate(chain, "http://spam.example.com/"));
        assertEquals("url:ng-hosts | host bad.example.org in ng-hosts",
                fate(chain, "HTTPS://user:pw@BAD.example.ORG.:8443/x?y"));
        assertEquals("kept", fate(chain, "http://www.spam.example.com/"));
        // domains: the domain and every subdomain; IDN entries and hosts in punycode
        assertEquals("url:ng-domains | domain casino.example in ng-domains", fate(chain, "http://a.b.casino.example/"));
        assertEquals("url:ng-domains | domain xn--r8jz45g.jp in ng-domains", fate(chain, "http://www.例え.jp/page"));
        assertEquals("url:ng-domains | domain xn--r8jz45g.jp in ng-domains", fate(chain, "http://xn--r8jz45g.jp/"));
        assertEquals("kept", fate(chain, "http://notcasino.example/"));
        // the allow-list wins
        assertEquals("kept", fate(chain, "http://good.casino.example/"));
        // urls: a host and path prefix, at path boundaries, www. or not
        assertEquals("url:ng-urls | url news.example.com/ads in ng-urls", fate(chain, "http://www.news.example.com/ads/1"));
        assertEquals("kept", fate(chain, "http://news.example.com/adsense"));
        assertEquals("url:ng-regex | regex /wp-login\\.php in ng-regex", fate(chain, "http://blog.example/WP-LOGIN.php"));
        assertEquals("url:ng-words | keyword viagra in ng-words", fate(chain, "http://shop.example/buy?item=Viagra"));
        assertEquals("kept", fate(chain, "http://viagra.example/"), "keywords are for the path and query");
        // UT1: each category its own reason
        assertEquals("url:ut1/adult | domain adult.example in ut1/adult", fate(chain, "http://x.adult.example/"));
        assertEquals("url:ut1/adult | url free.example/adult/page in ut1/adult",
                fate(chain, "http://free.example/adult/page/2"));
        assertEquals("url:ut1/gambling | domain bet.example in ut1/gambling", fate(chain, "http://bet.example/"));
        // no URL: nothing to judge
        assertEquals(Verdict.Kind.KEEP, new UrlFilterStage(List.of(), List.of()).apply(page(null)).kind());
        assertEquals("kept", fate(chain, "not a url at all"));
    }

    /**
     * A URL of 200,000 host labels and 200,000 path segments (issue 42: it exhausted the heap, every suffix and prefix
     * listed) is judged as any other: only suffixes and prefixes as long as some entry can match, and they do.
     */
    @Test
    void aUrlOfThousandsOfLabelsAndSegmentsIsJudgedLikeAnyOther(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("domains.txt"), "casino.example\n");
        Files.writeString(tmp.resolve("urls.txt"), "news.example.com/ads\n");
        Files.writeString(tmp.resolve("hosts.txt"), "x.casino.example\n");
        StageChain chain = chain("""
                  - name: url-filter
                    block:
                      - {name: ng-domains, kind: domain, path: %1$s/domains.txt}
                      - {name: ng-urls, kind: url, path: %1$s/urls.txt}
                """.formatted(tmp));
        String labels = "a.".repeat(200_000);
        String segments = "/b".repeat(200_000);
        assertEquals("url:ng-domains | domain casino.example in ng-domains",
                fate(chain, "http://" + labels + "casino.example" + segments));
        assertEquals("url:ng-urls | url news.example.com/ads in ng-urls",
                fate(chain, "http://news.example.com/ads" + segments + "/" + "/".repeat(200_000)));
        assertEquals("kept", fate(chain, "http://" + labels + "example.org" + segments + "/".repeat(200_000)));
        // the lists' own entries still match whole hosts and the prefixes in order, longest first
        UrlFilterStage.Url url = UrlFilterStage.Url.parse("http://a.b.casino.example/x/y//z/");
        assertEquals(List.of("a.b.casino.example", "b.casino.example", "casino.example", "example"),
                url.hostSuffixes(100));
        assertEquals(List.of("casino.example", "example"), url.hostSuffixes(14));
        assertEquals(List.of("a.b.casino.example/x/y//z", "a.b.casino.example/x/y/", "a.b.casino.example/x/y",
                "a.b.casino.example/x"), url.pathPrefixes(100));
        assertEquals(List.of("a.b.casino.example/x/y", "a.b.casino.example/x"), url.pathPrefixes(22));
    }

    @Test
    void aListThatCannotBeReadOrAUt1ListWithoutCategoriesIsOneError(@TempDir Path tmp) {
        ConfigException missing = assertThrows(ConfigException.class, () -> chain(
                "  - {name: url-filter, block: [{path: " + tmp.resolve("nope.txt") + "}]}\n"));
        assertTrue(missing.getMessage().startsWith("stages[0].block[0].path: " + tmp.resolve("nope.txt")),
                missing.getMessage());
        ConfigException categories = assertThrows(ConfigException.class, () -> chain(
                "  - {name: url-filter, block: [{kind: ut1, path: " + tmp + "}]}\n"));
        assertTrue(categories.getMessage().startsWith("stages[0].block[0].categories:"), categories.getMessage());
    }
}
