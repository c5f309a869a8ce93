package dev.taskfeed.feed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frame the feed refuses, or cannot read, gets an ERROR frame saying why and costs the
 * log one WARN line: never an ERROR, never a stack trace. Frames are written by hand on a
 * plain WebSocket, as no STOMP client library would send them.
 */
@ExtendWith(OutputCaptureExtension.class)
class FeedRefusalTests extends IntegrationTest {

	@Test
	void refusedAndMalformedFramesAreAnErrorFrameAndOneWarnLine(CapturedOutput output) throws Exception {
		Api.User user = newUser();
		int logged = output.getAll().length();
		String[][] cases = {
				{ "SUBSCRIBE\nid:1\ndestination:/queue/secret\n\n\0", "SUBSCRIBE to /queue/secret refused" },
				{ "SEND\ndestination:/topic/presence\n\nhello\0", "SEND to /topic/presence refused" },
				{ "SUBSCRIBE\ndestination:/user/queue/tasks\n\n\0", "SUBSCRIBE refused: it has no id header" },
				{ "FOO\n\n\0", "not a STOMP frame" }, { "send\ndestination:/app/presence\n\n\0", "not a STOMP frame" },
				{ "SEND\nidonly\n\n\0", "not a STOMP frame" },
				{ "SEND\ndestination:/app/\\x\n\n\0", "not a STOMP frame" } };
		for (String[] sent : cases) {
			try (RawStomp stomp = RawStomp.connect(this.port, user.authorization())) {
				stomp.send(sent[0]);
				String error = stomp.next();
				assertThat(error).as(sent[0]).startsWith("ERROR").contains(sent[1]);
				assertThat(stomp.closed.get(5, TimeUnit.SECONDS)).as(sent[0]).isEqualTo(1002);
			}
		}
		String log = output.getAll().substring(logged);
		assertThat(log).doesNotContain(" ERROR ")
			.doesNotContain("\tat ")
			.doesNotContain("No subscriptionId")
			.doesNotContain("StompSubProtocolHandler");
		assertThat(log.lines().filter((line) -> line.contains(" WARN ") && line.contains("STOMP")))
			.hasSize(cases.length);
	}

	@Test
	void aConnectWithoutAcceptVersionIsToldWhichVersionsTheFeedSpeaks(CapturedOutput output) throws Exception {
		Api.User user = newUser();
		int logged = output.getAll().length();
		try (RawStomp stomp = RawStomp.open(this.port, user.authorization())) {
			stomp.send("CONNECT\nhost:localhost\n\n\0");
			assertThat(stomp.next()).startsWith("ERROR").contains("1.1").contains("1.2");
			assertThat(stomp.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1002);
		}
		try (RawStomp stomp = RawStomp.open(this.port, user.authorization())) {
			stomp.send("CONNECT\naccept-version:1.0\nhost:localhost\n\n\0");
			assertThat(stomp.next()).startsWith("ERROR").contains("1.2");
		}
		assertThat(output.getAll().substring(logged)).doesNotContain(" ERROR ").doesNotContain("\tat ");
	}

	/** A WebSocket to /ws that sends and receives STOMP frames as text. */
	static final class RawStomp implements AutoCloseable {

		final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

		final CompletableFuture<Integer> closed = new CompletableFuture<>();

		private WebSocket socket;

		static RawStomp open(int port, String authorization) throws Exception {
			RawStomp stomp = new RawStomp();
			stomp.socket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.header("Authorization", authorization)
				.buildAsync(URI.create("ws://localhost:" + port + "/ws"), stomp.listener())
				.get(5, TimeUnit.SECONDS);
			return stomp;
		}

		static RawStomp connect(int port, String authorization) throws Exception {
			RawStomp stomp = open(port, authorization);
			stomp.send("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0");
			assertThat(stomp.next()).startsWith("CONNECTED");
			return stomp;
		}

		void send(String frame) throws Exception {
			this.socket.sendText(frame, true).get(5, TimeUnit.SECONDS);
		}

		/** The next frame, its header values unescaped ({@code \c} is a colon). */
		String next() throws InterruptedException {
			String frame = this.frames.poll(5, TimeUnit.SECONDS);
			return (frame != null) ? frame.replace("\\c", ":") : null;
		}

		private WebSocket.Listener listener() {
			return new WebSocket.Listener() {

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					RawStomp.this.frames.add(data.toString());
					webSocket.request(1);
					return null;
				}

				@Override
				public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
					RawStomp.this.closed.complete(statusCode);
					return null;
				}

				@Override
				public void onError(WebSocket webSocket, Throwable error) {
					RawStomp.this.closed.completeExceptionally(error);
				}

			};
		}

		@Override
		public void close() {
			this.socket.abort();
		}

	}

}
