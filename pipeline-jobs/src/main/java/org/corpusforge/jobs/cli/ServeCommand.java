package org.corpusforge.jobs.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.jobs.SearchableCorpus;
import org.corpusforge.jobs.base.UserError;
import org.corpusforge.search.http.SearchServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves a corpus's search over HTTP until stopped: a search page at / and JSON at "
                + "/api/count?q=, /api/next?q=&top=, /api/find?q=&limit=, /api/info. No Spark.")
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The output directory of a run with a search index.")
    String dir;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port (0: any free one; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UserError("serve: --port " + port + ": expected 0 to 65535");
        }
        SearchableCorpus corpus = SearchableCorpus.open(dir, new Configuration());
        SearchServer server;
        try {
            server = new SearchServer(corpus.search(), corpus.info(), host, port);
        } catch (IOException e) {
            corpus.close();
            throw new UserError("serve: cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            corpus.close();
            stopped.countDown();
        }));
        if (SearchServer.beyondLoopback(host)) {
            spec.commandLine().getErr().printf("corpusforge: warning: --host %s: the search is reachable from other "
                    + "machines, without authentication%n", host);
            spec.commandLine().getErr().flush();
        }
        spec.commandLine().getOut().printf("corpusforge: serving %s at http://%s:%d/ (Ctrl-C stops)%n", dir, host,
                server.port());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
