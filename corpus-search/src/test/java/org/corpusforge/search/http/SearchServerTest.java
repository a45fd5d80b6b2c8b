package org.corpusforge.search.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.corpusforge.search.CharIndexBuilder;
import org.corpusforge.search.DocumentLookup;
import org.corpusforge.search.TextIndex;
import org.corpusforge.search.TextSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP server over a small corpus whose tokens are its characters: answers, and errors that never stop it. */
class SearchServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TextIndex threeDocuments() throws java.io.IOException {
        List<String> docs = List.of("私はりんごを食べた。", "私はみかんを食べた。", "りんごは赤い。");
        CharIndexBuilder builder = new CharIndexBuilder();
        docs.forEach(builder::add);
        Path file = dir.resolve("part-00000.csa");
        try (OutputStream out = Files.newOutputStream(file)) {
            builder.write(out);
        }
        return TextIndex.open(List.of(file));
    }

    /** Words as the page's tests need them: one per character. */
    private static List<String> characters(String text) {
        return text.codePoints().mapToObj(Character::toString).toList();
    }

    private static TextSearch search(TextIndex index) {
        return new TextSearch(index, java.util.function.UnaryOperator.identity(), LOOKUP,
                List.of("shards/part-00000.parquet"), SearchServerTest::characters);
    }

    private static final DocumentLookup LOOKUP = (shard, rows) -> {
            Map<Long, DocumentLookup.Provenance> found = new TreeMap<>();
            rows.forEach(r -> found.put(r, new DocumentLookup.Provenance("doc" + r, "file:/in.jsonl", "line:" + (r + 1),
                    "abc", "CC0")));
            return found;
        };

    @Test
    void answersTheThreeQueriesAndRefusesBadRequestsWithoutStopping() throws Exception {
        try (TextIndex index = threeDocuments();
             SearchServer server = new SearchServer(search(index), Map.of("shards", 1), "127.0.0.1", 0)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            JsonNode count = get(http, base + "/api/count?q=" + enc("りんご"), 200);
            assertEquals(2, count.get("count").asInt());
            assertEquals(2, count.get("documents").asInt());
            JsonNode next = get(http, base + "/api/next?q=" + enc("私は") + "&top=5", 200);
            assertEquals(2, next.get("count").asInt());
            assertEquals(List.of("み", "り"), List.of(next.get("characters").get(0).get("text").asText(),
                    next.get("characters").get(1).get("text").asText()));
            assertEquals(0.5, next.get("characters").get(0).get("share").asDouble());
            JsonNode prob = get(http, base + "/api/prob?a=" + enc("私は") + "&b=" + enc("りんご"), 200);
            assertEquals(2, prob.get("context_count").asInt());
            assertEquals(1, prob.get("joint_count").asInt());
            assertEquals(0.5, prob.get("probability").asDouble());
            JsonNode find = get(http, base + "/api/find?q=" + enc("食べた") + "&offset=1&limit=1", 200);
            assertEquals(2, find.get("documents").asInt());
            assertEquals(1, find.get("matches").size());
            JsonNode match = find.get("matches").get(0);
            assertEquals("doc1", match.get("document").get("id").asText());
            assertEquals("line:2", match.get("document").get("source_locator").asText());
            JsonNode snippet = match.get("snippets").get(0);
            assertEquals("私はみかんを", snippet.get("before").asText());
            assertEquals("食べた", snippet.get("match").asText());
            assertEquals("。", snippet.get("after").asText());
            JsonNode doc = get(http, base + "/api/doc?shard=0&row=2", 200);
            assertEquals("りんごは赤い。", doc.get("text").asText());

            assertTrue(get(http, base + "/api/count?q=", 400).get("error").asText().contains("empty"));
            assertTrue(get(http, base + "/api/count", 400).get("error").asText().contains("empty"));
            assertTrue(get(http, base + "/api/find?q=a&limit=x", 400).get("error").asText().contains("limit=x"));
            assertTrue(get(http, base + "/api/next?q=a&top=0", 400).get("error").asText().contains("top 0"));
            assertTrue(get(http, base + "/api/find?q=a&limit=5000000", 400).get("error").asText().contains("limit 5000000"));
            assertTrue(get(http, base + "/api/count?q=%E3%81", 400).get("error").asText().contains("not valid UTF-8"));
            assertTrue(get(http, base + "/api/count?q=" + "x".repeat(TextSearch.MAX_QUERY_CHARS + 1), 400)
                    .get("error").asText().contains("at most"));
            assertTrue(get(http, base + "/api/doc?shard=0&row=9", 400).get("error").asText().contains("no document"));
            // request lines no URI class would build, sent as raw bytes: each gets the JSON 400 of every other bad
            // request (the JDK's server would answer them with its own HTML page), and the server goes on serving
            for (String target : List.of("/api/count?q=%zz", "/api/count?q=%", "/api/count?q=a%2", "/api/count?q=%u3042",
                    "/api/count?q=a|b", "/api/count?q=\"")) {
                String reply = raw(server.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                assertTrue(reply.startsWith("HTTP/1.1 400 "), reply);
                assertTrue(reply.contains("application/json"), reply);
                assertTrue(JSON.readTree(reply.substring(reply.indexOf("\r\n\r\n") + 4)).get("error").asText()
                        .contains("not a valid URI"), reply);
            }
            assertTrue(raw(server.port(), "GET\r\n\r\n").contains("not METHOD TARGET VERSION"));
            String longLine = raw(server.port(), "GET /api/count?q=" + "a".repeat(RequestLineFront.MAX_LINE_BYTES)
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertTrue(longLine.startsWith("HTTP/1.1 414 ") && longLine.contains("POST body"), longLine);
            // what the JDK takes still reaches it whole: a raw request, with a body, on a connection of its own
            String posted = raw(server.port(), "POST /api/trace?min_chars=3 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: 6\r\nConnection: keep-alive\r\n\r\nabcdef");
            assertTrue(posted.startsWith("HTTP/1.1 200 "), posted);
            // long texts (issue 45: about 43,000 characters could not be sent): in a request line of 450 KB, and as a
            // POST's body for every query of one text, with a clear error past the limit
            assertEquals(0, get(http, base + "/api/count?q=" + enc("あ".repeat(50_000)), 200).get("count").asInt());
            HttpResponse<String> body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/count"))
                    .POST(HttpRequest.BodyPublishers.ofString("りんご")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, body.statusCode(), body.body());
            assertEquals(2, JSON.readTree(body.body()).get("count").asInt());
            HttpResponse<String> tooLong = http.send(HttpRequest.newBuilder(URI.create(base + "/api/count"))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(4 * TextSearch.MAX_QUERY_CHARS + 1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, tooLong.statusCode(), tooLong.body());
            assertTrue(tooLong.body().contains("longer than " + TextSearch.MAX_QUERY_CHARS), tooLong.body());
            assertTrue(get(http, base + "/api/nothing", 404).get("error").asText().contains("no such endpoint"));
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/api/prob?a=a"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode(), "a query of two texts takes them in its query string");
            // still serving, and the page is there
            assertEquals(2, get(http, base + "/api/count?q=" + enc("りんご"), 200).get("count").asInt());
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("window.corpusforge"), page.body());
        }
    }

    @Test
    void slowAndIdleClientsDoNotStopItAnsweringManyOthers() throws Exception {
        try (TextIndex index = threeDocuments();
             SearchServer server = new SearchServer(search(index), Map.of("shards", 1), "127.0.0.1", 0)) {
            List<java.net.Socket> hogs = new java.util.ArrayList<>();
            java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(64);
            try {
                // 32 connections that send nothing and 32 that send one byte and stall, as an attacker would
                for (int i = 0; i < 64; i++) {
                    java.net.Socket s = new java.net.Socket("127.0.0.1", server.port());
                    if (i % 2 == 1) {
                        s.getOutputStream().write('G');
                        s.getOutputStream().flush();
                    }
                    hogs.add(s);
                }
                // then 64 clients at once, each asking ten counts over connections of their own
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String base = "http://127.0.0.1:" + server.port();
                List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
                for (int c = 0; c < 64; c++) {
                    answers.add(clients.submit(() -> {
                        int sum = 0;
                        for (int q = 0; q < 10; q++) {
                            sum += get(http, base + "/api/count?q=" + enc("食べた"), 200).get("count").asInt();
                        }
                        return sum;
                    }));
                }
                for (java.util.concurrent.Future<Integer> answer : answers) {
                    // a hang guard, not a timing check: the answers come in well under a second
                    assertEquals(20, answer.get(5, java.util.concurrent.TimeUnit.MINUTES));
                }
                // a stalled request is not kept for ever: the server closes its connection (after REQUEST_SECONDS)
                java.net.Socket stalled = hogs.get(1);
                stalled.setSoTimeout(5 * 60 * 1000); // a hang guard again
                assertEquals(-1, stalled.getInputStream().read());
            } finally {
                clients.shutdownNow();
                for (java.net.Socket s : hogs) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aRequestForAnotherHostIsRefusedAsDnsRebindingWouldSendIt() throws Exception {
        try (TextIndex index = threeDocuments();
             SearchServer server = new SearchServer(search(index), Map.of("shards", 1), "127.0.0.1", 0)) {
            for (String host : List.of("evil.example", "evil.example:" + server.port(), "127.0.0.1.evil.example")) {
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
                    socket.getOutputStream().write(("GET /api/count?q=a HTTP/1.1\r\nHost: " + host
                            + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    assertTrue(reply.startsWith("HTTP/1.1 403"), reply);
                }
            }
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(2, get(http, "http://localhost:" + server.port() + "/api/count?q=" + enc("食べた"), 200)
                    .get("count").asInt());
        }
        assertTrue(SearchServer.beyondLoopback("0.0.0.0"));
        assertTrue(!SearchServer.beyondLoopback("127.0.0.1") && !SearchServer.beyondLoopback("::1"));
    }

    /** Sends bytes as they are and reads the whole answer (the server closes the connection after it). */
    private static String raw(int port, String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5 * 60 * 1000); // a hang guard, not a timing check
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static JsonNode get(HttpClient http, String url, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }
}
