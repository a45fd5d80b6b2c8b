package org.corpusforge.search.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.corpusforge.search.TextSearch;

/**
 * The server's public socket: reads each connection's request line and answers a bad one itself, passing every
 * other connection byte for byte to the JDK's server on a loopback port.
 *
 * <p>Why it exists: the JDK's server parses the request target with {@link URI} before any handler or filter runs,
 * and answers a target that is not valid (a {@code %} not followed by two hex digits, a {@code "} or {@code |}) with
 * its own HTML page. Here such a request gets the JSON 400 every other bad request gets, decided by the same
 * {@code new URI(target)} the JDK would apply, so nothing the JDK accepts is refused.
 *
 * <p>One thread serves every connection without blocking, so idle or trickling clients hold no thread: a request line
 * still incomplete after {@code lineSeconds} has its connection closed, as has a connection whose client takes no
 * byte of a waiting response for {@code responseSeconds}. Each forwarded request carries {@code Connection: close},
 * so every request on a connection has had its line checked here (one request a connection).
 */
final class RequestLineFront implements AutoCloseable {
    /** The longest request line read: a query of {@link TextSearch#MAX_QUERY_CHARS} characters, percent-encoded. */
    static final int MAX_LINE_BYTES = 9 * TextSearch.MAX_QUERY_CHARS + 8192;
    private static final int BUFFER_BYTES = 16 * 1024;
    /** How long the rest of a refused request is read and discarded, so that closing does not reset the answer. */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Where a refused request's rest is read to be dropped (one thread uses it). */
    private final ByteBuffer scratch = ByteBuffer.allocate(BUFFER_BYTES);
    private static final byte[] CONNECTION_CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Turns a refused request line into the whole HTTP response sent for it. */
    interface Refusal {
        byte[] response(int status, String reason, String message);
    }

    private final ServerSocketChannel listener;
    private final InetSocketAddress backend;
    private final Selector selector;
    private final Refusal refusal;
    private final long lineNanos;
    private final long responseNanos;
    private final List<Connection> connections = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    RequestLineFront(InetSocketAddress address, int backlog, InetSocketAddress backend, int lineSeconds,
            int responseSeconds, Refusal refusal) throws IOException {
        this.backend = backend;
        this.refusal = refusal;
        this.lineNanos = TimeUnit.SECONDS.toNanos(lineSeconds);
        this.responseNanos = TimeUnit.SECONDS.toNanos(responseSeconds);
        this.selector = Selector.open();
        this.listener = ServerSocketChannel.open();
        try {
            listener.bind(address, backlog);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            listener.close();
            selector.close();
            throw e;
        }
        this.thread = new Thread(this::loop, "corpusforge-serve-front");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) listener.getLocalAddress();
    }

    private void loop() {
        try {
            while (!closed) {
                selector.select(250);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.channel() == listener) {
                        accept();
                    } else {
                        Connection c = (Connection) key.attachment();
                        if (c.isOpen()) {
                            c.step(key);
                        }
                    }
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                connections.removeIf(c -> {
                    if (c.isOpen() && c.deadline != 0 && now - c.deadline > 0) {
                        c.close();
                    }
                    return !c.isOpen();
                });
            }
        } catch (IOException | ClosedSelectorException e) {
            // closing the front ends the loop
        } finally {
            connections.forEach(Connection::close);
        }
    }

    private void accept() throws IOException {
        SocketChannel client;
        while ((client = listener.accept()) != null) {
            client.configureBlocking(false);
            Connection c = new Connection(client);
            c.deadline = System.nanoTime() + lineNanos;
            c.clientKey = client.register(selector, SelectionKey.OP_READ, c);
            connections.add(c);
        }
    }

    /** Null when the JDK's server would take the request line, else why not. */
    static String problem(String line) {
        int space = line.indexOf(' ');
        int second = space < 0 ? -1 : line.indexOf(' ', space + 1);
        if (space <= 0 || second < 0) {
            return "the request line is not METHOD TARGET VERSION";
        }
        try {
            new URI(line.substring(space + 1, second));
            return null;
        } catch (URISyntaxException e) {
            return "the request's target is not a valid URI (percent-encoding is % and two hex digits): "
                    + e.getReason();
        }
    }

    /** One client connection: its request line, then the bytes both ways between it and the JDK's server. */
    private final class Connection {
        private final SocketChannel client;
        private SocketChannel server;
        private SelectionKey clientKey;
        private SelectionKey serverKey;
        /** The request line so far; null once it is decided. */
        private ByteBuffer line = ByteBuffer.allocate(4096);
        /** How far {@link #line} has been searched for its end. */
        private int scanned;
        /** The request's first bytes (its line, {@code Connection: close}, what followed), sent before the rest. */
        private ByteBuffer pendingFirst;
        private final ByteBuffer toServer = ByteBuffer.allocate(BUFFER_BYTES);
        private ByteBuffer toClient = ByteBuffer.allocate(BUFFER_BYTES);
        private boolean clientEnded;
        private boolean serverEnded;
        private boolean refused;
        /** The answer is sent: what the client still sends is read and dropped until it ends. */
        private boolean draining;
        /** When this connection is closed unless something moves; 0 for never. */
        private long deadline;

        Connection(SocketChannel client) {
            this.client = client;
            toServer.flip();
            toClient.flip();
        }

        boolean isOpen() {
            return client.isOpen();
        }

        void step(SelectionKey key) {
            try {
                if (key == serverKey && key.isConnectable()) {
                    server.finishConnect();
                }
                if (line != null) {
                    readLine();
                }
                if (line == null) {
                    pump();
                }
            } catch (IOException e) {
                close();
            }
        }

        private void readLine() throws IOException {
            if (!line.hasRemaining()) {
                ByteBuffer grown = ByteBuffer.allocate(Math.min(MAX_LINE_BYTES + 1, line.capacity() * 2));
                line.flip();
                grown.put(line);
                line = grown;
            }
            int read = client.read(line);
            int end = lineEnd();
            if (end >= 0) {
                String text = new String(line.array(), 0, end, StandardCharsets.ISO_8859_1);
                text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                String problem = problem(text);
                if (problem != null) {
                    refuse(400, "Bad Request", problem);
                } else {
                    forward(end);
                }
            } else if (line.position() > MAX_LINE_BYTES) {
                refuse(414, "URI Too Long", "the request line is longer than " + MAX_LINE_BYTES
                        + " bytes; send a long text as a POST body to /api/trace, /api/passages or /api/similar");
            } else if (read < 0) {
                close();
            }
        }

        private int lineEnd() {
            byte[] bytes = line.array();
            for (; scanned < line.position(); scanned++) {
                if (bytes[scanned] == '\n') {
                    return scanned;
                }
            }
            return -1;
        }

        private void refuse(int status, String reason, String message) {
            line = null;
            refused = true;
            serverEnded = true;
            toClient = ByteBuffer.wrap(refusal.response(status, reason, message));
            deadline = System.nanoTime() + responseNanos;
            pump();
        }

        /** Opens the connection to the JDK's server with the line, {@code Connection: close} and what followed. */
        private void forward(int end) throws IOException {
            byte[] bytes = line.array();
            int lineBytes = end > 0 && bytes[end - 1] == '\r' ? end - 1 : end;
            int restStart = end + 1;
            int rest = line.position() - restStart;
            ByteBuffer first = ByteBuffer.allocate(lineBytes + 2 + CONNECTION_CLOSE.length + rest);
            first.put(bytes, 0, lineBytes).put((byte) '\r').put((byte) '\n').put(CONNECTION_CLOSE);
            first.put(bytes, restStart, rest).flip();
            line = null;
            deadline = 0;
            pendingFirst = first;
            server = SocketChannel.open();
            server.configureBlocking(false);
            server.connect(backend);
            serverKey = server.register(selector, SelectionKey.OP_CONNECT, this);
            clientKey.interestOps(0);
        }

        /** Moves what can move without waiting, then asks to be woken for what cannot. */
        private void pump() {
            try {
                boolean moved = true;
                // a few rounds, then back to the others: a client sending without pause cannot keep the thread
                for (int round = 0; moved && round < 16 && client.isOpen(); round++) {
                    moved = false;
                    boolean connected = server != null && server.isConnected();
                    if (connected && pendingFirst != null) {
                        moved |= server.write(pendingFirst) > 0;
                        if (!pendingFirst.hasRemaining()) {
                            pendingFirst = null;
                        }
                    }
                    if (connected && pendingFirst == null && toServer.hasRemaining()) {
                        moved |= server.write(toServer) > 0;
                    }
                    if (!clientEnded && (dropping() || connected && pendingFirst == null && !toServer.hasRemaining())) {
                        ByteBuffer into = dropping() ? scratch.clear() : toServer.clear();
                        int read = client.read(into);
                        into.flip();
                        if (dropping()) {
                            into.position(into.limit());
                        }
                        if (read < 0) {
                            clientEnded = true;
                            if (connected && !draining) {
                                server.shutdownOutput();
                            }
                        }
                        moved |= read != 0;
                    }
                    if (toClient.hasRemaining()) {
                        int written = client.write(toClient);
                        if (written > 0) {
                            moved = true;
                            deadline = System.nanoTime() + responseNanos;
                        }
                    }
                    if (connected && !serverEnded && !toClient.hasRemaining()) {
                        int read;
                        try {
                            read = server.read(toClient.clear());
                        } catch (IOException e) {
                            read = -1; // the JDK's server reset its end: what it sent before is delivered
                        }
                        toClient.flip();
                        if (read < 0) {
                            serverEnded = true;
                        } else if (read > 0) {
                            moved = true;
                            deadline = System.nanoTime() + responseNanos;
                        }
                    }
                }
                if (!client.isOpen()) {
                    return;
                }
                if (serverEnded && !toClient.hasRemaining()) {
                    finish();
                    return;
                }
                if (!toClient.hasRemaining() && !refused) {
                    deadline = 0; // the JDK's server keeps its own time while it reads and answers
                }
                boolean connected = server != null && server.isConnected();
                int clientOps = (toClient.hasRemaining() ? SelectionKey.OP_WRITE : 0)
                        | (!clientEnded && (dropping() || connected && pendingFirst == null && !toServer.hasRemaining())
                        ? SelectionKey.OP_READ : 0);
                clientKey.interestOps(clientOps);
                if (serverKey != null && serverKey.isValid() && connected) {
                    serverKey.interestOps((pendingFirst != null || toServer.hasRemaining() ? SelectionKey.OP_WRITE : 0)
                            | (!serverEnded && !toClient.hasRemaining() ? SelectionKey.OP_READ : 0));
                }
            } catch (IOException e) {
                close();
            }
        }

        /**
         * Everything is answered: the client may still be sending (a request's rest, a next request), which is read
         * and dropped for a moment first, after our end is shut: closing with unread bytes would reset the
         * connection, and a reset makes the client's system drop the answer it has not read yet.
         */
        private void finish() throws IOException {
            if (clientEnded) {
                close();
                return;
            }
            if (!draining) {
                draining = true;
                client.shutdownOutput();
                if (server != null) {
                    closeQuietly(server);
                }
                deadline = System.nanoTime() + DRAIN_NANOS;
            }
            clientKey.interestOps(SelectionKey.OP_READ);
        }

        /** Whether what the client sends now is read only to be dropped (its request was refused, or is answered). */
        private boolean dropping() {
            return refused || draining;
        }

        void close() {
            closeQuietly(client);
            if (server != null) {
                closeQuietly(server);
            }
        }
    }

    private static void closeQuietly(java.io.Closeable channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already closing
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(listener);
        closeQuietly(selector);
    }
}
