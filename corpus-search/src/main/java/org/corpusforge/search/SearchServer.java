package org.corpusforge.search;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The corpus's search over HTTP: {@code GET /api/count?q=}, {@code /api/next?q=&top=}, {@code /api/find?q=&limit=}
 * and {@code /api/info} answer JSON; {@code /} is the search page (one file, no network access). A bad request gets
 * a 400 with {@code {"error": ...}}; an unexpected failure a 500 with one line, and the server goes on serving.
 */
public final class SearchServer implements AutoCloseable {
    private static final String PAGE = "search.html";
    private final HttpServer server;
    private final ExecutorService pool;
    private final CorpusSearch search;
    private final Map<String, Object> info;
    private final byte[] page;

    /** @param info what {@code /api/info} says about the corpus (shards, documents, tokens, tokenizer) */
    public SearchServer(CorpusSearch search, Map<String, Object> info, String host, int port) throws IOException {
        this.search = search;
        this.info = info;
        try (InputStream in = SearchServer.class.getResourceAsStream(PAGE)) {
            this.page = in.readAllBytes();
        }
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        this.pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "corpusforge-serve");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                send(exchange, 405, error("only GET is served"));
                return;
            }
            if (path.equals("/") || path.equals("/index.html")) {
                send(exchange, 200, "text/html; charset=utf-8", page);
                return;
            }
            Object result;
            try {
                Map<String, String> query = parameters(exchange.getRequestURI().getRawQuery());
                result = switch (path) {
                    case "/api/info" -> info;
                    case "/api/count" -> search.count(query.get("q"));
                    case "/api/next" -> search.next(query.get("q"), number(query, "top", 10));
                    case "/api/find" -> search.find(query.get("q"), number(query, "limit", 10));
                    default -> null;
                };
            } catch (CorpusSearch.BadQuery e) {
                send(exchange, 400, error(e.getMessage()));
                return;
            } catch (RuntimeException e) {
                send(exchange, 500, error("internal error: " + e));
                return;
            }
            if (result == null) {
                send(exchange, 404, error("no such endpoint: " + path
                        + " (GET /api/count?q=, /api/next?q=&top=, /api/find?q=&limit=, /api/info)"));
                return;
            }
            send(exchange, 200, SearchJson.toJson(result));
        }
    }

    private static int number(Map<String, String> query, String name, int defaultValue) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new CorpusSearch.BadQuery(name + "=" + value + ": expected a whole number");
        }
    }

    static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                parameters.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new CorpusSearch.BadQuery("the request's query string is not valid URL encoding");
            }
        }
        return parameters;
    }

    private static String error(String message) {
        return SearchJson.toJson(Map.of("error", message));
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
