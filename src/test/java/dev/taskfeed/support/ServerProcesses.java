package dev.taskfeed.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * What the tests that run TaskFeed as a process need: a free port, and waiting for health
 * UP.
 */
public final class ServerProcesses {

	private static final HttpClient client = HttpClient.newHttpClient();

	private ServerProcesses() {
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether the server answers health UP within 90 s; false at once if the process ends
	 * first.
	 */
	public static boolean awaitHealth(int port, Process process) {
		try {
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> !process.isAlive() || healthy(port));
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
		return process.isAlive();
	}

	private static boolean healthy(int port) throws InterruptedException {
		try {
			HttpResponse<String> health = client.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			return health.statusCode() == 200 && health.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			// not listening yet
			return false;
		}
	}

}
