package dev.taskfeed.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Type;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A real STOMP 1.2 client over a real WebSocket, as a script or another server would use.
 */
public final class StompTestClient implements AutoCloseable {

	private static final ThreadPoolTaskScheduler HEARTBEATS = heartbeatScheduler();

	private final WebSocketStompClient client;

	private final StompSession session;

	private final BlockingQueue<String> errors;

	private StompTestClient(WebSocketStompClient client, StompSession session, BlockingQueue<String> errors) {
		this.client = client;
		this.session = session;
		this.errors = errors;
	}

	/**
	 * Connects with an {@code Authorization} header on the handshake (Basic or Bearer).
	 */
	public static StompTestClient connect(int port, String authorization) throws Exception {
		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		if (authorization != null) {
			handshake.add("Authorization", authorization);
		}
		return connect(port, handshake, new StompHeaders());
	}

	/**
	 * Connects as the task list page of this browser does: its session cookie on the
	 * handshake, the last page's CSRF token on CONNECT.
	 */
	public static StompTestClient connectAsPage(int port, PageSession browser) throws Exception {
		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		handshake.add("Cookie", browser.cookies());
		StompHeaders connect = new StompHeaders();
		connect.add("X-CSRF-TOKEN", browser.csrfToken());
		return connect(port, handshake, connect);
	}

	/**
	 * Connects where the server is expected to answer CONNECT with an ERROR frame:
	 * returns at once, the refusal arrives in {@link #nextError(long)}.
	 */
	public static StompTestClient connectExpectingRefusal(int port, WebSocketHttpHeaders handshake) throws Exception {
		return connect(port, handshake, new StompHeaders(), false);
	}

	public static StompTestClient connect(int port, WebSocketHttpHeaders handshake, StompHeaders connectHeaders)
			throws Exception {
		return connect(port, handshake, connectHeaders, true);
	}

	private static StompTestClient connect(int port, WebSocketHttpHeaders handshake, StompHeaders connectHeaders,
			boolean awaitConnected) throws Exception {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new SimpleMessageConverter());
		client.setTaskScheduler(HEARTBEATS);
		client.setDefaultHeartbeat(new long[] { 10_000, 10_000 });
		client.setInboundMessageSizeLimit(256 * 1024);
		BlockingQueue<String> errors = new LinkedBlockingQueue<>();
		CompletableFuture<StompSession> future = client.connectAsync("ws://localhost:" + port + "/ws", handshake,
				connectHeaders, new StompSessionHandlerAdapter() {

					@Override
					public Type getPayloadType(StompHeaders headers) {
						return byte[].class;
					}

					@Override
					public void handleFrame(StompHeaders headers, Object payload) {
						// only ERROR frames reach the session handler
						errors.add(String.valueOf(headers.getFirst("message")));
					}

					@Override
					public void handleException(StompSession session, StompCommand command, StompHeaders headers,
							byte[] payload, Throwable exception) {
						errors.add("exception: " + exception);
					}

					@Override
					public void handleTransportError(StompSession session, Throwable exception) {
						errors.add("transport: " + exception);
					}

				});
		if (!awaitConnected) {
			return new StompTestClient(client, null, errors);
		}
		try {
			return new StompTestClient(client, future.get(5, TimeUnit.SECONDS), errors);
		}
		catch (ExecutionException ex) {
			client.stop();
			throw ex;
		}
	}

	/**
	 * Subscribes and returns the queue its JSON payloads arrive in. Returns once the
	 * server has answered a later {@code /app/presence} subscription, by which time the
	 * first one is in place.
	 */
	public BlockingQueue<JsonNode> subscribe(String destination) throws Exception {
		BlockingQueue<JsonNode> received = subscribeQuietly(destination);
		if (!destination.equals("/app/presence")) {
			BlockingQueue<JsonNode> barrier = subscribeQuietly("/app/presence");
			if (barrier.poll(5, TimeUnit.SECONDS) == null) {
				throw new IllegalStateException("the server did not confirm the subscription to " + destination);
			}
		}
		return received;
	}

	/**
	 * Subscribes asking for a RECEIPT and waits for it: through a broker relay, the
	 * receipt comes from the broker, so the subscription is in place there too.
	 */
	public BlockingQueue<JsonNode> subscribeWithReceipt(String destination) throws Exception {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setReceipt("subscribed-" + UUID.randomUUID());
		BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
		CompletableFuture<Void> receipt = new CompletableFuture<>();
		this.session.subscribe(headers, collectingInto(received)).addReceiptTask(() -> receipt.complete(null));
		receipt.get(5, TimeUnit.SECONDS);
		return received;
	}

	private BlockingQueue<JsonNode> subscribeQuietly(String destination) {
		BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
		this.session.subscribe(destination, collectingInto(received));
		return received;
	}

	private static StompFrameHandler collectingInto(BlockingQueue<JsonNode> received) {
		return new StompFrameHandler() {

			@Override
			public Type getPayloadType(StompHeaders frameHeaders) {
				return byte[].class;
			}

			@Override
			public void handleFrame(StompHeaders frameHeaders, Object payload) {
				received.add(Api.JSON.readTree((byte[]) payload));
			}

		};
	}

	/**
	 * The HTTP status a WebSocket handshake to {@code /ws} gets, read off a raw socket,
	 * with these extra request headers ("Name: value").
	 */
	public static int handshakeStatus(int port, String... headers) throws IOException {
		String statusLine = handshakeResponse(port, headers).lines().findFirst().orElseThrow();
		return Integer.parseInt(statusLine.split(" ")[1]);
	}

	/**
	 * The status line and headers a WebSocket handshake to {@code /ws} gets, read off a
	 * raw socket.
	 */
	public static String handshakeResponse(int port, String... headers) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(5000);
			StringBuilder request = new StringBuilder("GET /ws HTTP/1.1\r\nHost: localhost:" + port + "\r\n")
				.append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
				.append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
			BufferedReader response = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			StringBuilder head = new StringBuilder();
			for (String line = response.readLine(); line != null && !line.isEmpty(); line = response.readLine()) {
				head.append(line).append('\n');
			}
			return head.toString();
		}
	}

	/**
	 * Reads frames off a subscription's queue until one satisfies {@code wanted} and
	 * returns it; fails with the last frame seen if none does within {@code timeout}.
	 */
	public static JsonNode awaitFrame(BlockingQueue<JsonNode> frames, Predicate<JsonNode> wanted, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		JsonNode last = null;
		while (System.nanoTime() < deadline) {
			JsonNode next = frames.poll(100, TimeUnit.MILLISECONDS);
			if (next != null) {
				last = next;
				if (wanted.test(next)) {
					return next;
				}
			}
		}
		throw new AssertionError("no frame as wanted within " + timeout + "; last " + last);
	}

	/** Subscribes without waiting: for subscriptions the server is expected to refuse. */
	public void subscribeUnchecked(String destination) {
		subscribeQuietly(destination);
	}

	public void send(String destination, String payload) {
		this.session.send(destination, payload.getBytes());
	}

	/**
	 * The next ERROR frame's message (or transport failure), or null if none came in
	 * time.
	 */
	public String nextError(long millis) throws InterruptedException {
		return this.errors.poll(millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * The next ERROR frame's message, skipping transport failures (the server closes the
	 * connection right after the frame, and the two may be reported in either order);
	 * null if no frame came.
	 */
	public String nextErrorFrame(long millis) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		for (long left = millis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
			String error = this.errors.poll(left, TimeUnit.MILLISECONDS);
			if (error == null) {
				return null;
			}
			if (!error.startsWith("transport: ") && !error.startsWith("exception: ")) {
				return error;
			}
		}
		return null;
	}

	public boolean isConnected() {
		return this.session.isConnected();
	}

	@Override
	public void close() {
		try {
			if (this.session != null && this.session.isConnected()) {
				this.session.disconnect();
			}
		}
		catch (RuntimeException ex) {
			// the server may have closed the connection first, after an ERROR frame
		}
		finally {
			this.client.stop();
		}
	}

	private static ThreadPoolTaskScheduler heartbeatScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(2);
		scheduler.setThreadNamePrefix("stomp-test-heartbeat-");
		scheduler.setDaemon(true);
		scheduler.initialize();
		return scheduler;
	}

}
