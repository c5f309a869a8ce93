package dev.taskfeed.deploy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static dev.taskfeed.support.ServerProcesses.awaitHealth;
import static dev.taskfeed.support.ServerProcesses.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the Procfile's {@code web:} line as Heroku does (a shell, PORT, DATABASE_URL and
 * the 512 MB dyno's JAVA_TOOL_OPTIONS) against the packaged jar. Runs in the
 * integration-test phase, after the jar is built.
 */
class ProcfileProcessTests {

	private static final String DYNO_JAVA_TOOL_OPTIONS = "-Xmx300m -Xss512k -XX:CICompilerCount=2";

	@Test
	void theWebLineServesHealthAndStopsGracefullyOnSigterm() throws Exception {
		int port = freePort();
		Process process = startWebLine(port, databaseUrl());
		try {
			assertThat(awaitHealth(port, process)).as(output(process)).isTrue();
			// the application context the build generated (Spring AOT)
			assertThat(output(process)).contains("Starting AOT-processed TaskFeedApplication");
			Api api = new Api(port);
			Api.User user = api.register("dyno-" + System.nanoTime() + "@example.com", "dyno-password", "Dyno");
			CompletableFuture<Integer> closeCode = openFeed(port, "Bearer " + user.createToken("feed"));

			long start = System.nanoTime();
			process.destroy(); // SIGTERM, as Heroku sends it
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
			assertThat(output(process)).contains("Graceful shutdown complete");
			// the live feed's clients got a close frame
			// (1001 going away), so they reconnect elsewhere
			assertThat(closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
		}
		finally {
			process.destroyForcibly();
		}
	}

	/**
	 * The web line with RabbitMQ configured, in Spring AOT mode as the Procfile runs it:
	 * the choice of the relay is made at start, not fixed when the jar was built, and its
	 * health component is there.
	 */
	@Test
	void theWebLineWithRabbitMqChoosesTheRelayAtStartAndReportsTheBroker() throws Exception {
		String host = System.getenv().getOrDefault("TASKFEED_TEST_RABBITMQ_HOST", "127.0.0.1");
		int stompPort = Integer.parseInt(System.getenv().getOrDefault("TASKFEED_TEST_RABBITMQ_STOMP_PORT", "61613"));
		if (!answers(host, stompPort)) {
			String why = "no RabbitMQ STOMP listener at " + host + ":" + stompPort;
			if (System.getenv("CI") != null) {
				throw new IllegalStateException(why);
			}
			Assumptions.abort(why);
		}
		int port = freePort();
		Process process = startWebLine(port, databaseUrl(), EmbeddedDatabaseProcessTests.QUICK_JIT
				+ " -Dtaskfeed.relay.host=" + host + " -Dtaskfeed.relay.port=" + stompPort);
		try {
			assertThat(awaitHealth(port, process)).as(output(process)).isTrue();
			assertThat(new Api(port).send("GET", "/actuator/health", null, null)
				.expect(200)
				.json()
				.path("components")
				.path("broker")
				.path("status")
				.asString()).isEqualTo("UP");
			assertThat(output(process)).contains("Starting AOT-processed TaskFeedApplication")
				.contains("Live feed relayed through RabbitMQ");
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Clients busy creating tasks over keep-alive connections (as HTTP clients and load
	 * balancers do) while SIGTERM arrives: every request either gets its answer or finds
	 * the port closed (connection refused); none is sent on a connection that is then
	 * closed under it, so no client is left not knowing whether its task was created.
	 */
	@Test
	void aSigtermUnderLoadRefusesNewConnectionsAndAnswersEveryRequestOnOpenOnes() throws Exception {
		int port = freePort();
		Process process = startWebLine(port, databaseUrl());
		try {
			assertThat(awaitHealth(port, process)).as(output(process)).isTrue();
			Api api = new Api(port);
			Api.User user = api.register("sigterm-" + System.nanoTime() + "@example.com", "sigterm-password", "Sig");
			String bearer = "Bearer " + user.createToken("load");
			java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();
			java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
			java.util.List<String> broken = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			java.util.List<Thread> clients = new java.util.ArrayList<>();
			for (int i = 0; i < 12; i++) {
				HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				Thread thread = new Thread(() -> {
					while (System.nanoTime() < end) {
						try {
							int status = client
								.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tasks"))
									.header("Authorization", bearer)
									.header("Content-Type", "application/json")
									.POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Around SIGTERM\"}"))
									.build(), HttpResponse.BodyHandlers.ofString())
								.statusCode();
							if (status == 201) {
								created.incrementAndGet();
							}
							else {
								broken.add("status " + status);
							}
						}
						catch (java.net.ConnectException ex) {
							// refused by the server,
							// not by a port nothing listens on any more
							if (process.isAlive()) {
								refused.incrementAndGet();
							}
							backOff(20);
						}
						catch (IOException ex) {
							if (isRefusal(ex)) {
								if (process.isAlive()) {
									refused.incrementAndGet();
								}
								backOff(20);
							}
							else {
								broken.add(ex.toString());
							}
						}
						catch (InterruptedException ex) {
							return;
						}
					}
				});
				thread.start();
				clients.add(thread);
			}
			await("load on the server").atMost(Duration.ofSeconds(20)).until(() -> created.get() >= 20);
			process.destroy(); // SIGTERM
			for (Thread thread : clients) {
				thread.join(15_000);
			}
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(broken).as("requests accepted and then reset or failed").isEmpty();
			assertThat(created.get()).isPositive();
			assertThat(refused.get()).as("connections refused after SIGTERM").isPositive();
			// every answered create is stored, and nothing else
			assertThat(countTasks(user.id())).isEqualTo(created.get());
		}
		finally {
			process.destroyForcibly();
		}
	}

	/**
	 * Clients that open a new connection for every request (no keep-alive) creating tasks
	 * in a tight loop while SIGTERM arrives: every connection either gets its full answer
	 * or is refused. None is reset: neither one the acceptor takes as the listening
	 * socket closes, nor one whose handshake the kernel completed and that still waits in
	 * the listening socket's backlog.
	 */
	@Test
	void aSigtermUnderLoadAnswersEveryConnectionTheKernelAcceptedAndRefusesTheRest() throws Exception {
		int port = freePort();
		Process process = startWebLine(port, databaseUrl());
		AtomicBoolean stop = new AtomicBoolean();
		try {
			assertThat(awaitHealth(port, process)).as(output(process)).isTrue();
			Api api = new Api(port);
			Api.User user = api.register("fresh-" + System.nanoTime() + "@example.com", "fresh-password", "Fresh");
			byte[] request = createTaskRequest(port, "Bearer " + user.createToken("fresh"));
			AtomicInteger created = new AtomicInteger();
			AtomicInteger refused = new AtomicInteger();
			List<String> broken = Collections.synchronizedList(new ArrayList<>());
			List<Thread> clients = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				Thread thread = new Thread(() -> {
					while (!stop.get()) {
						String failure = createOverFreshConnection(port, request, created, () -> {
							// refused by the server,
							// not by a port nothing listens on any more
							if (process.isAlive()) {
								refused.incrementAndGet();
							}
						});
						if (failure != null) {
							broken.add(failure);
						}
					}
				});
				thread.setDaemon(true);
				thread.start();
				clients.add(thread);
			}
			await("load on the server").atMost(Duration.ofSeconds(20)).until(() -> created.get() >= 20);
			process.destroy(); // SIGTERM
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			stop.set(true);
			for (Thread thread : clients) {
				thread.join(25_000);
			}
			assertThat(broken).as("connections accepted and then reset or closed unanswered").isEmpty();
			assertThat(created.get()).isPositive();
			assertThat(refused.get()).as("connections refused after SIGTERM").isPositive();
			// every answered create is stored, and nothing else
			assertThat(countTasks(user.id())).isEqualTo(created.get());
		}
		finally {
			stop.set(true);
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static byte[] createTaskRequest(int port, String authorization) {
		byte[] body = "{\"title\":\"Fresh connection\"}".getBytes(StandardCharsets.UTF_8);
		String head = "POST /api/tasks HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n"
				+ "Authorization: " + authorization + "\r\nContent-Type: application/json\r\nContent-Length: "
				+ body.length + "\r\n\r\n";
		byte[] request = Arrays.copyOf(head.getBytes(StandardCharsets.ISO_8859_1), head.length() + body.length);
		System.arraycopy(body, 0, request, head.length(), body.length);
		return request;
	}

	/**
	 * One request on a connection of its own: counts a 201 or a refused connection,
	 * otherwise says what went wrong.
	 */
	private static String createOverFreshConnection(int port, byte[] request, AtomicInteger created, Runnable refused) {
		try (Socket socket = new Socket()) {
			try {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
			}
			catch (ConnectException ex) {
				refused.run();
				backOff(5);
				return null;
			}
			socket.setSoTimeout(20_000);
			socket.getOutputStream().write(request);
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			if (answer.isEmpty()) {
				return "connection closed without an answer";
			}
			if (!answer.startsWith("HTTP/1.1 201 ") || !complete(answer)) {
				return "answer: " + answer.lines().findFirst().orElse("");
			}
			created.incrementAndGet();
			return null;
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	/** Whether an answer read to the end of its connection came whole. */
	private static boolean complete(String answer) {
		int end = answer.indexOf("\r\n\r\n");
		if (end < 0) {
			return false;
		}
		String head = answer.substring(0, end).toLowerCase(Locale.ROOT);
		String body = answer.substring(end + 4);
		if (head.contains("\r\ntransfer-encoding: chunked")) {
			return body.endsWith("0\r\n\r\n");
		}
		int length = head.indexOf("\r\ncontent-length:");
		if (length < 0) {
			// delimited by the end of the connection, which came without an error
			return true;
		}
		return Integer.parseInt(head.substring(length + 17).split("\r\n", 2)[0].trim()) == body.length();
	}

	private static boolean isRefusal(IOException ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof java.net.ConnectException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A client's pause after a refused connection, as real clients back off before trying
	 * again (pacing, not a wait for an outcome).
	 */
	private static void backOff(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static long countTasks(long userId) throws Exception {
		TestDatabase database = TestDatabase.get();
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(database.jdbcUrl(),
				database.username(), database.password());
				java.sql.PreparedStatement count = connection
					.prepareStatement("select count(*) from tasks where owner_id = ?")) {
			count.setLong(1, userId);
			try (java.sql.ResultSet result = count.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	@Test
	void aMalformedDatabaseUrlStopsStartUpNamingIt() throws Exception {
		Process process = startWebLine(freePort(), "mysql://admin:hunter2secret@db.example.com/tasks");
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isNotZero();
		String output = output(process);
		assertThat(output).contains("DATABASE_URL is malformed").doesNotContain("hunter2secret");
		assertThat(output).doesNotContain("\tat ");
	}

	/**
	 * A STOMP session over the JDK's WebSocket client; completes with the close frame's
	 * status code.
	 */
	private static CompletableFuture<Integer> openFeed(int port, String authorization) throws Exception {
		CompletableFuture<Integer> closeCode = new CompletableFuture<>();
		CompletableFuture<String> connected = new CompletableFuture<>();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Authorization", authorization)
			.buildAsync(URI.create("ws://localhost:" + port + "/ws"), new WebSocket.Listener() {

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					connected.complete(data.toString());
					webSocket.request(1);
					return null;
				}

				@Override
				public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
					closeCode.complete(statusCode);
					return null;
				}

				@Override
				public void onError(WebSocket webSocket, Throwable error) {
					closeCode.completeExceptionally(error);
				}

			})
			.get(10, TimeUnit.SECONDS);
		socket.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\n\n\u0000", true);
		assertThat(connected.get(10, TimeUnit.SECONDS)).startsWith("CONNECTED");
		return closeCode;
	}

	private static Process startWebLine(int port, String databaseUrl) throws IOException {
		// the Procfile leaves JAVA_OPTS to the user: the quick JIT, as for the other
		// process tests
		return startWebLine(port, databaseUrl, EmbeddedDatabaseProcessTests.QUICK_JIT);
	}

	private static Process startWebLine(int port, String databaseUrl, String javaOpts) throws IOException {
		String web = Files.readAllLines(Path.of("Procfile"))
			.stream()
			.filter((line) -> line.startsWith("web:"))
			.findFirst()
			.orElseThrow()
			.substring("web:".length())
			.strip();
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", "exec " + web).redirectErrorStream(true)
			.redirectOutput(Files.createTempFile("taskfeed-web", ".log").toFile());
		Map<String, String> env = builder.environment();
		env.keySet().removeIf((key) -> key.startsWith("SPRING_") || key.startsWith("JDBC_"));
		env.put("PORT", Integer.toString(port));
		env.put("DATABASE_URL", databaseUrl);
		env.put("JAVA_TOOL_OPTIONS", DYNO_JAVA_TOOL_OPTIONS);
		env.put("JAVA_OPTS", javaOpts);
		env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + env.get("PATH"));
		Process process = builder.start();
		OUTPUTS.put(process, builder.redirectOutput().file().toPath());
		return process;
	}

	private static final Map<Process, Path> OUTPUTS = new java.util.concurrent.ConcurrentHashMap<>();

	private static String output(Process process) throws IOException {
		return Files.readString(OUTPUTS.get(process), StandardCharsets.UTF_8);
	}

	private static String databaseUrl() {
		// jdbc:postgresql://localhost:PORT/db?...
		// as Heroku would hand it over: postgres://user@host:port/db
		TestDatabase database = TestDatabase.get();
		URI jdbc = URI.create(database.jdbcUrl().substring("jdbc:".length()));
		String password = database.password().isEmpty() ? "" : ":" + database.password();
		return "postgres://" + database.username() + password + "@" + jdbc.getHost() + ":" + jdbc.getPort()
				+ jdbc.getPath();
	}

}
