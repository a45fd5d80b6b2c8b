package org.corpusforge.search.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.corpusforge.search.SearchJson;
import org.corpusforge.search.TextSearch;
import org.corpusforge.search.query.QueryArguments;
import org.corpusforge.search.query.QueryParameter;
import org.corpusforge.search.query.SearchQueries;
import org.corpusforge.search.query.SearchQuery;

/**
 * The corpus's search over HTTP: every registered query ({@link SearchQueries}) at {@code GET /api/NAME}, its texts
 * and parameters in the query string ({@code /api/count?q=}, {@code /api/prob?a=&b=}, {@code /api/find?q=&limit=});
 * one that takes a model's whole answer also as a POST whose body is the text. {@code /api/doc?shard=&row=} and
 * {@code /api/info} answer JSON too; {@code /} is the search page (one file, no network access). A bad request (an empty or overlong query, a limit out of range, percent-encoding or
 * UTF-8 that is not valid) gets a 400 with {@code {"error": ...}}; an unexpected failure a 500 with one line, and the
 * server goes on serving.
 *
 * <p>Clients that are slow or idle cannot stop it answering others: the public socket is a {@link RequestLineFront},
 * which waits for a connection's bytes without a thread and refuses a request line the JDK's server would refuse
 * with an HTML page; a request still incomplete after {@value #REQUEST_SECONDS} s (or a response not taken in
 * {@value #RESPONSE_SECONDS} s) has its connection closed; and each request has a thread of its own from
 * a pool of up to {@value #MAX_THREADS}, so a few connections trickling one byte at a time hold a few threads for
 * seconds, not the server. A request whose {@code Host} is not this server's address is refused (403): a page on
 * another site cannot reach a server on the loopback by rebinding its own name to 127.0.0.1.
 */
public final class SearchServer implements AutoCloseable {
    static final int REQUEST_SECONDS = 10;
    static final int RESPONSE_SECONDS = 30;
    static final int MAX_THREADS = 256;

    static {
        // read once, when the JDK's server classes load; a user's own -D setting wins
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(REQUEST_SECONDS));
        }
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
            System.setProperty("sun.net.httpserver.maxRspTime", String.valueOf(RESPONSE_SECONDS));
        }
        // the JDK's own bound on a request's line and headers (380 KiB) dropped a query of about 43,000 characters
        // without a word (issue 45): the front bounds the line, so here the line it lets through and 64 KiB of headers
        if (System.getProperty("sun.net.httpserver.maxReqHeaderSize") == null) {
            System.setProperty("sun.net.httpserver.maxReqHeaderSize",
                    String.valueOf(RequestLineFront.MAX_LINE_BYTES + (64 << 10)));
        }
    }

    private static final String PAGE = "search.html";
    private final HttpServer server;
    private final RequestLineFront front;
    private final ExecutorService pool;
    private final TextSearch search;
    private final Map<String, Object> info;
    private final byte[] page;
    /** The host names a request may carry in its Host header; null when bound to every address. */
    private final java.util.Set<String> hosts;

    /** @param info what {@code /api/info} says about the corpus (shards, documents, tokens, tokenizer) */
    public SearchServer(TextSearch search, Map<String, Object> info, String host, int port) throws IOException {
        this.search = search;
        this.info = info;
        try (InputStream in = SearchServer.class.getResourceAsStream(PAGE)) {
            this.page = in.readAllBytes();
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        this.hosts = allowedHosts(address);
        // the JDK's server listens on the loopback only; the public address is the front's, which answers a request
        // line the JDK would refuse with its own HTML page
        this.server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 128);
        // threads made as requests come, up to MAX_THREADS, then requests wait in line (never refused: a refusal
        // would be thrown into the JDK server's one dispatcher thread); idle threads end after 30 s
        java.util.concurrent.ThreadPoolExecutor threads = new java.util.concurrent.ThreadPoolExecutor(MAX_THREADS,
                MAX_THREADS, 30, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "corpusforge-serve");
                    t.setDaemon(true);
                    return t;
                });
        threads.allowCoreThreadTimeOut(true);
        this.pool = threads;
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
        try {
            this.front = new RequestLineFront(address, 128, server.getAddress(), REQUEST_SECONDS, RESPONSE_SECONDS,
                    SearchServer::refusal);
        } catch (IOException e) {
            server.stop(0);
            pool.shutdownNow();
            throw e;
        }
    }

    public int port() {
        try {
            return front.address().getPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The whole response to a request line refused before the JDK's server sees it. */
    private static byte[] refusal(int status, String reason, String message) {
        byte[] body = error(message).getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json; charset=utf-8\r\n"
                + "Cache-Control: no-store\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] response = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, response, head.length, body.length);
        return response;
    }

    /** Whether the address reaches beyond this machine (everything but a loopback address). */
    public static boolean beyondLoopback(String host) {
        try {
            return !java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return true;
        }
    }

    private static java.util.Set<String> allowedHosts(InetSocketAddress address) {
        java.net.InetAddress bound = address.getAddress();
        if (bound == null || bound.isAnyLocalAddress()) {
            return null;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        names.add(bound.getHostAddress().toLowerCase(java.util.Locale.ROOT));
        names.add(address.getHostString().toLowerCase(java.util.Locale.ROOT));
        if (bound.isLoopbackAddress()) {
            names.addAll(java.util.List.of("localhost", "127.0.0.1", "::1"));
        }
        return names;
    }

    /** The Host header's name without its port and brackets, lower case; null when absent. */
    static String hostName(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip().toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String host = hostName(exchange.getRequestHeaders().getFirst("Host"));
            if (hosts != null && (host == null || !hosts.contains(host))) {
                send(exchange, 403, error("Host " + (host == null ? "(none)" : host)
                        + " is not this server's address " + hosts.stream().sorted().toList()));
                return;
            }
            SearchQuery query = path.startsWith("/api/") ? SearchQueries.get(path.substring(5)) : null;
            String method = exchange.getRequestMethod();
            // a query of one text also takes it as a POST's body: a long one does not fit a request line
            boolean post = method.equals("POST") && query != null && query.texts().size() == 1;
            if (!method.equals("GET") && !method.equals("HEAD") && !post) {
                send(exchange, 405, error("only GET is served (and POST to " + posted() + ")"));
                return;
            }
            if (path.equals("/") || path.equals("/index.html")) {
                send(exchange, 200, "text/html; charset=utf-8", page);
                return;
            }
            Object result;
            try {
                Map<String, String> parameters = parameters(exchange.getRequestURI().getRawQuery());
                result = query != null ? answer(query, parameters, post ? body(exchange, query.maxChars()) : null)
                        : switch (path) {
                            case "/api/info" -> info;
                            case "/api/doc" -> {
                                int shard = number(parameters, "shard");
                                int row = number(parameters, "row");
                                yield Map.of("shard", shard, "row", row, "text", search.document(shard, row));
                            }
                            default -> null;
                        };
            } catch (TextSearch.BadQuery e) {
                send(exchange, 400, error(e.getMessage()));
                return;
            } catch (RuntimeException e) {
                send(exchange, 500, error("internal error: " + e));
                return;
            }
            if (result == null) {
                StringBuilder endpoints = new StringBuilder();
                for (SearchQuery q : SearchQueries.all()) {
                    endpoints.append("/api/").append(q.name()).append('?').append(String.join("=&", q.texts()))
                            .append('=').append(", ");
                }
                send(exchange, 404, error("no such endpoint: " + path + " (GET " + endpoints
                        + "/api/doc?shard=&row=, /api/info)"));
                return;
            }
            send(exchange, 200, SearchJson.toJson(result));
        }
    }

    /** A query's answer from the query string's texts and parameters (or, POSTed, its one text as the body). */
    private Object answer(SearchQuery query, Map<String, String> parameters, String body) {
        List<String> texts = body != null ? List.of(body)
                : query.texts().stream().map(name -> parameters.get(name)).toList();
        Map<QueryParameter, String> given = new java.util.EnumMap<>(QueryParameter.class);
        for (QueryParameter p : query.parameters()) {
            if (parameters.containsKey(p.key())) {
                given.put(p, parameters.get(p.key()));
            }
        }
        return query.answer(search, texts, new QueryArguments(given));
    }

    /** The endpoints that also take their text as a POST body (a model's whole answer). */
    private static List<String> posted() {
        return SearchQueries.all().stream().filter(q -> q.texts().size() == 1).map(q -> "/api/" + q.name()).toList();
    }

    /** A POST's body: the query's text, strictly UTF-8, at most four bytes a character of its limit. */
    private static String body(HttpExchange exchange, int maxChars) throws IOException {
        byte[] bytes = exchange.getRequestBody().readNBytes(4 * maxChars + 1);
        if (bytes.length > 4 * maxChars) {
            throw new TextSearch.BadQuery("the text is longer than " + maxChars + " characters");
        }
        return strictUtf8(bytes);
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new TextSearch.BadQuery("the request is not valid UTF-8");
        }
    }

    private static int number(Map<String, String> query, String name) {
        String value = query.get(name);
        try {
            return Integer.parseInt(value == null ? "-1" : value);
        } catch (NumberFormatException e) {
            throw new TextSearch.BadQuery(name + "=" + value + ": expected a whole number");
        }
    }

    /** The query string's parameters, percent-decoded strictly: a bad escape or bytes that are not UTF-8 are a 400. */
    static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.putIfAbsent(decode(key), decode(value));
        }
        return parameters;
    }

    private static String decode(String s) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new TextSearch.BadQuery("the request's query string is not valid percent-encoding");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        return strictUtf8(bytes.toByteArray());
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
        // one request a connection (the front checks each request line); said, so that no client keeps it for another
        exchange.getResponseHeaders().set("Connection", "close");
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
        front.close();
        server.stop(0);
        pool.shutdownNow();
    }
}
