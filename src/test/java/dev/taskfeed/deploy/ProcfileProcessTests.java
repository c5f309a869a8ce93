package dev.taskfeed.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Procfile's {@code web:} line as Heroku does (a shell, PORT, DATABASE_URL and the
 * 512 MB dyno's JAVA_TOOL_OPTIONS) against the packaged jar. Runs in the integration-test phase,
 * after the jar is built.
 */
class ProcfileProcessTests {

	private static final String DYNO_JAVA_TOOL_OPTIONS = "-Xmx300m -Xss512k -XX:CICompilerCount=2";

	@Test
	void theWebLineServesHealthAndStopsGracefullyOnSigterm() throws Exception {
		int port = freePort();
		Process process = startWebLine(port, databaseUrl());
		try {
			assertThat(awaitHealth(port, process)).as(output(process)).isTrue();
			Api api = new Api(port);
			Api.User user = api.register("dyno-" + System.nanoTime() + "@example.com", "dyno-password", "Dyno");
			CompletableFuture<Integer> closeCode = openFeed(port, "Bearer " + user.createToken("feed"));

			long start = System.nanoTime();
			process.destroy(); // SIGTERM, as Heroku sends it
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
			assertThat(output(process)).contains("Graceful shutdown complete");
			// the live feed's clients got a close frame (1001 going away), so they reconnect elsewhere
			assertThat(closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
		}
		finally {
			process.destroyForcibly();
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

	/** A STOMP session over the JDK's WebSocket client; completes with the close frame's status code. */
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
		env.put("JAVA_OPTS", "");
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
		// jdbc:postgresql://localhost:PORT/db?... as Heroku would hand it over: postgres://user@host:port/db
		TestDatabase database = TestDatabase.get();
		URI jdbc = URI.create(database.jdbcUrl().substring("jdbc:".length()));
		String password = database.password().isEmpty() ? "" : ":" + database.password();
		return "postgres://" + database.username() + password + "@" + jdbc.getHost() + ":" + jdbc.getPort()
				+ jdbc.getPath();
	}

	private static boolean awaitHealth(int port, Process process) throws InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline && process.isAlive()) {
			try {
				HttpResponse<String> health = client.send(
						HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
					return true;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		return false;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
