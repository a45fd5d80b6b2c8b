package org.corpusforge.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's chromium, headless, driven through the DevTools protocol over a WebSocket: open a page, type, press keys,
 * evaluate, screenshot, and every console error or uncaught exception the page had. Nothing waits by sleeping: each
 * step waits for the browser's answer or event (with a generous guard against a browser that hangs).
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GUARD_SECONDS = 120;

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> consoleErrors = Collections.synchronizedList(new ArrayList<>());
    private String session;

    /** The browser, or the test skipped with a reason (failed, when CORPUSFORGE_REQUIRE_BROWSER is set). */
    static HeadlessChromium start(Path profile) throws IOException {
        Path binary = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(binary)) {
            String why = "no /usr/bin/chromium (apt-get install chromium): the browser test did not run";
            if (System.getenv("CORPUSFORGE_REQUIRE_BROWSER") != null) {
                throw new AssertionError(why + ", and CORPUSFORGE_REQUIRE_BROWSER is set");
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        String line;
        String endpoint = null;
        // the browser says where it listens on stderr before anything else can be done; it ends the stream if it dies
        while (endpoint == null && (line = err.readLine()) != null) {
            said.append(line).append('\n');
            if (line.startsWith("DevTools listening on ")) {
                endpoint = line.substring("DevTools listening on ".length()).trim();
            }
        }
        if (endpoint == null) {
            process.destroyForcibly();
            throw new AssertionError("chromium exited without a DevTools endpoint:\n" + said);
        }
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // the rest of chromium's own chatter
                }
            } catch (IOException e) {
                // the browser is gone
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new HeadlessChromium(process, endpoint);
    }

    private HeadlessChromium(Process process, String endpoint) {
        this.process = process;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(endpoint), new Listener()).join();
    }

    /** Opens a page in a new tab of the given size and waits for its load event. */
    void open(String url, int width, int height) throws Exception {
        String target = call("Target.createTarget", Map.of("url", "about:blank"), false).get("targetId").asText();
        session = call("Target.attachToTarget", Map.of("targetId", target, "flatten", true), false).get("sessionId").asText();
        call("Runtime.enable", Map.of());
        call("Log.enable", Map.of());
        call("Page.enable", Map.of());
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", false));
        // Page.navigate answers once the new document is committed; then wait in it for its load event
        JsonNode navigated = call("Page.navigate", Map.of("url", url));
        if (navigated.has("errorText")) {
            throw new AssertionError(url + ": " + navigated.get("errorText").asText());
        }
        String at = evaluate("new Promise(r => document.readyState === 'complete' ? r(location.href)"
                + " : addEventListener('load', () => r(location.href)))").asText();
        if (!at.equals(url)) {
            throw new AssertionError("the page loaded is " + at + ", not " + url);
        }
    }

    /** Types text into the focused element, as a keyboard would insert it. */
    void type(String text) throws Exception {
        call("Input.insertText", Map.of("text", text));
    }

    void pressEnter() throws Exception {
        Map<String, Object> key = Map.of("key", "Enter", "code", "Enter", "windowsVirtualKeyCode", 13,
                "nativeVirtualKeyCode", 13);
        Map<String, Object> down = new java.util.HashMap<>(key);
        down.put("type", "keyDown");
        down.put("text", "\r");
        call("Input.dispatchKeyEvent", down);
        Map<String, Object> up = new java.util.HashMap<>(key);
        up.put("type", "keyUp");
        call("Input.dispatchKeyEvent", up);
    }

    /** The value of a JavaScript expression, promises awaited. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the page threw: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    void screenshot(Path png) throws Exception {
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    /** Console errors, uncaught exceptions and error log entries of the page so far. */
    List<String> consoleErrors() {
        synchronized (consoleErrors) {
            return List.copyOf(consoleErrors);
        }
    }

    private JsonNode call(String method, Map<String, ?> params) throws Exception {
        return call(method, params, true);
    }

    private JsonNode call(String method, Map<String, ?> params, boolean inPage) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (inPage && session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.writeValueAsString(message), true).get(GUARD_SECONDS, TimeUnit.SECONDS);
        JsonNode reply = answer.get(GUARD_SECONDS, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new AssertionError(method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    dispatch(JSON.readTree(text));
                } catch (IOException e) {
                    consoleErrors.add("unreadable DevTools message: " + e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    private void dispatch(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(message.get("id").asInt());
            if (f != null) {
                f.complete(message);
            }
            return;
        }
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        switch (method) {
            case "Runtime.exceptionThrown" -> consoleErrors.add("exception: " + params.path("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                if (params.path("type").asText().equals("error")) {
                    consoleErrors.add("console.error: " + params.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if (params.path("entry").path("level").asText().equals("error")) {
                    consoleErrors.add("log: " + params.path("entry").path("text").asText() + " "
                            + params.path("entry").path("url").asText());
                }
            }
            default -> {
                // other events are not needed
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            socket.sendText("{\"id\":0,\"method\":\"Browser.close\"}", true);
        } catch (RuntimeException e) {
            // closing anyway
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
