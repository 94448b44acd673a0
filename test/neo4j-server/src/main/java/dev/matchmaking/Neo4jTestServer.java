package dev.matchmaking;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.logging.log4j.Log4jLogProvider;

import sun.misc.Signal;

/**
 * Real Neo4j Community (embedded API) exposed over Bolt on 127.0.0.1, for tests and CI.
 *
 * <p>Usage: {@code java -Xmx512m -jar neo4j-test-server.jar [--port N] [--password PW] [--data-dir DIR]
 * [--stop-on-stdin-eof]}.
 * Prints exactly one stdout line, {@code NEO4J_READY bolt://127.0.0.1:<port>}, once Bolt accepts
 * connections; everything else goes to stderr or {@code <home>/logs/debug.log}.
 */
public final class Neo4jTestServer {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        // Keep the real stdout for the single READY line; anything Neo4j or a library might
        // print goes to stderr instead, so the parent process can parse stdout blindly.
        PrintStream stdout = System.out;
        System.setOut(System.err);

        int port = 7687;
        String password = "test-password-123";
        Path dataDir = null;
        boolean stopOnStdinEof = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--port" -> { port = Integer.parseInt(require(a, v)); i++; }
                case "--password" -> { password = require(a, v); i++; }
                case "--data-dir" -> { dataDir = Path.of(require(a, v)).toAbsolutePath(); i++; }
                case "--stop-on-stdin-eof" -> stopOnStdinEof = true;
                default -> fail("unknown argument: " + a);
            }
        }
        // Neo4j rejects shorter passwords (dbms.security.auth_minimum_password_length=8).
        if (password.length() < 8) fail("--password must be at least 8 characters");
        if (port < 0 || port > 65535) fail("--port out of range: " + port);
        // Neo4j cannot bind port 0 and report the result back, so pick a free one ourselves.
        if (port == 0) port = freePort();

        // Handle TERM/INT ourselves, from the very start: with only a shutdown hook the JVM would
        // exit with 143/130 (and a signal during startup would leak the temp dir); tests and CI
        // want a clean exit 0 after a requested stop.
        CountDownLatch stopRequested = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stopRequested.countDown());
        Signal.handle(new Signal("INT"), s -> stopRequested.countDown());
        if (stopOnStdinEof) {
            // Parent-death watchdog: the launcher holds our stdin open, so EOF means it is gone
            // (even if it was SIGKILLed) and an orphaned server must not keep its port and memory.
            Thread watchdog = new Thread(() -> {
                try {
                    while (System.in.read() != -1) { /* ignore input */ }
                } catch (IOException ignored) { /* treat like EOF */ }
                stopRequested.countDown();
            }, "neo4j-test-server-stdin-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }

        boolean tempHome = dataDir == null;
        Path home = tempHome ? Files.createTempDirectory("neo4j-test-") : Files.createDirectories(dataDir);
        long t0 = System.nanoTime();
        Log4jLogProvider userLog = new Log4jLogProvider(System.err);
        DatabaseManagementService dbms;
        try {
            dbms = build(home, port, userLog);
        } catch (RuntimeException e) { // e.g. port in use, data dir locked by another server
            e.printStackTrace();
            System.err.println("neo4j-test-server: startup failed: " + rootCause(e));
            if (tempHome) deleteRecursively(home);
            System.exit(1);
            return;
        }

        AtomicBoolean stopped = new AtomicBoolean(false);
        Runnable stop = () -> {
            if (!stopped.compareAndSet(false, true)) return;
            try {
                dbms.shutdown();
            } catch (RuntimeException e) {
                System.err.println("neo4j-test-server: shutdown failed: " + e);
            }
            userLog.close();
            if (tempHome) deleteRecursively(home);
        };
        // Fallback for exits we don't drive ourselves (SIGHUP, System.exit elsewhere, ...).
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-test-server-shutdown"));

        try {
            GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            GraphDatabaseService neo4j = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!neo4j.isAvailable(TimeUnit.MINUTES.toMillis(2))) throw new IllegalStateException("neo4j database not available");
            long tDbms = System.nanoTime();
            setPassword(system, password);
            waitForBolt(port);
            System.err.printf("neo4j-test-server: ready in %d ms (dbms %d ms, password %d ms), home %s%n",
                    ms(System.nanoTime() - t0), ms(tDbms - t0), ms(System.nanoTime() - tDbms), home);
        } catch (Exception e) {
            e.printStackTrace();
            System.err.println("neo4j-test-server: startup failed: " + rootCause(e));
            stop.run();
            System.exit(1);
        }

        if (stopRequested.getCount() > 0) { // a stop requested during startup skips READY
            stdout.println("NEO4J_READY bolt://" + HOST + ":" + port);
            stdout.flush();
            stopRequested.await();
        }
        stop.run();
        System.exit(0);
    }

    /** Starts the DBMS (system + neo4j databases, Bolt server); data and logs live under {@code home}. */
    private static DatabaseManagementService build(Path home, int port, Log4jLogProvider userLog) {
        return new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(userLog)
                .setConfig(Map.of(
                        BoltConnector.enabled, true,
                        BoltConnector.listen_address, new SocketAddress(HOST, port),
                        BoltConnector.advertised_address, new SocketAddress(HOST, port),
                        // Never listen beyond loopback, and no HTTP(S): tests only speak Bolt.
                        GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST),
                        HttpConnector.enabled, false,
                        HttpsConnector.enabled, false,
                        GraphDatabaseSettings.auth_enabled, true,
                        // No usage-report phone home (there is no network in CI anyway).
                        GraphDatabaseSettings.udc_enabled, false))
                .setConfig(Map.of(
                        // Bounded memory so a server plus the tests fit on a small CI box;
                        // the heap itself is bounded by the launcher's -Xmx. Benchmarks raise
                        // them with -Dneo4j.pagecache=512m -Dneo4j.txmax=512m.
                        GraphDatabaseSettings.pagecache_memory, megabytes("neo4j.pagecache", 64),
                        GraphDatabaseSettings.memory_transaction_global_max_size, 2 * megabytes("neo4j.txmax", 128),
                        GraphDatabaseSettings.memory_transaction_max_size, megabytes("neo4j.txmax", 128),
                        // Don't pre-allocate 256 MiB transaction log files for tiny test data.
                        GraphDatabaseSettings.preallocate_logical_logs, false,
                        GraphDatabaseSettings.logical_log_rotation_threshold, 16L << 20,
                        // Netty's graceful shutdown waits a 5 s quiet period per event loop group
                        // (~10 s per stop); tests stop/restart often and hold no connections then.
                        GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0,
                        GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(3)))
                .build();
    }

    /**
     * Embedded transactions run with full privileges, so the system database accepts user
     * management directly; this also clears the "password change required" flag that the
     * initial neo4j/neo4j user has. Runs on every start so a reused data dir follows --password.
     */
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // Restart on an existing data dir with the same password: Neo4j refuses a no-op change.
            String msg = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : e.getCause().getMessage());
            if (!msg.contains("cannot be the same")) throw e;
        }
    }

    /** Bolt is started by the DBMS lifecycle; confirm it really accepts TCP before saying READY. */
    private static void waitForBolt(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("Bolt not accepting on port " + port, e);
                Thread.sleep(100);
            }
        }
    }

    /** Bind port 0 on loopback and release it; the small race with other processes is acceptable for tests. */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("neo4j-test-server: could not delete " + dir + ": " + e);
        }
    }

    private static String rootCause(Throwable e) {
        while (e.getCause() != null) e = e.getCause();
        return e.toString();
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static String require(String flag, String value) {
        if (value == null) fail(flag + " needs a value");
        return value;
    }

    private static void fail(String message) {
        System.err.println("neo4j-test-server: " + message);
        System.exit(2);
    }

    /** A size in bytes from a system property such as "512m" (megabytes), or the default. */
    private static long megabytes(String property, long defaultMegabytes) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) return defaultMegabytes << 20;
        String v = value.trim().toLowerCase();
        long n = Long.parseLong(v.endsWith("m") ? v.substring(0, v.length() - 1) : v);
        return n << 20;
    }
}
