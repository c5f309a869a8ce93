package dev.taskfeed.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One STOMP 1.2 session over the JDK's WebSocket client, as light as a session can be: CONNECT with
 * a Bearer token on the handshake and 10 s heart-beats, SUBSCRIBE to {@code /user/queue/tasks},
 * then {@code /app/presence}, whose answer tells that the first subscription is in place.
 */
final class FeedSession implements WebSocket.Listener {

	private final Consumer<String> onTask;

	private final CompletableFuture<FeedSession> ready = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private volatile WebSocket socket;

	private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

	private FeedSession(Consumer<String> onTask) {
		this.onTask = onTask;
	}

	/** Completes once the session is subscribed; {@code onTask} gets each task message body. */
	static CompletableFuture<FeedSession> open(HttpClient http, URI ws, String token, Consumer<String> onTask) {
		FeedSession session = new FeedSession(onTask);
		http.newWebSocketBuilder()
			.header("Authorization", "Bearer " + token)
			.buildAsync(ws, session)
			.whenComplete((socket, failure) -> {
				if (failure != null) {
					session.ready.completeExceptionally(failure);
				}
				else {
					session.socket = socket;
					session.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:10000,10000\n\n\0");
				}
			});
		return session.ready;
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			String frame = this.partial.toString();
			this.partial.setLength(0);
			handle(frame);
		}
		webSocket.request(1);
		return null;
	}

	private void handle(String frame) {
		if (frame.startsWith("CONNECTED")) {
			send("SUBSCRIBE\nid:tasks\ndestination:/user/queue/tasks\n\n\0");
			send("SUBSCRIBE\nid:presence\ndestination:/app/presence\n\n\0");
		}
		else if (frame.startsWith("MESSAGE")) {
			int bodyStart = frame.indexOf("\n\n");
			String headers = frame.substring(0, bodyStart);
			String body = frame.substring(bodyStart + 2, frame.length() - 1);
			if (headers.contains("\nsubscription:tasks")) {
				this.onTask.accept(body);
			}
			else if (headers.contains("\nsubscription:presence")) {
				this.ready.complete(this);
			}
		}
		else if (frame.startsWith("ERROR")) {
			this.ready.completeExceptionally(new IllegalStateException(frame));
		}
	}

	/** The client's heart-beat: an end-of-line. */
	void heartbeat() {
		if (this.socket != null && !this.socket.isOutputClosed()) {
			send("\n");
		}
	}

	private synchronized void send(String text) {
		this.sending = this.sending.thenCompose((previous) -> this.socket.sendText(text, true));
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.ready.completeExceptionally(error);
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.ready.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
		return null;
	}

	void close() {
		if (this.socket != null) {
			this.socket.abort();
		}
	}

}
