package dev.taskfeed.feed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.StompTestClient;
import dev.taskfeed.task.NewTask;
import dev.taskfeed.task.TaskPatch;
import dev.taskfeed.task.TaskService;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.socket.WebSocketHttpHeaders;

import static dev.taskfeed.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TaskFeedTests extends IntegrationTest {

	private static final String TASKS = "/user/queue/tasks";

	@Autowired
	TaskService taskService;

	@Autowired
	TransactionTemplate transactions;

	/**
	 * Changes committed one after the other reach a session in that order: the frames of
	 * one task carry versions that only go up, even when its changes follow each other as
	 * fast as the server commits them (the outbound channel is a thread pool).
	 */
	@Test
	void aTasksChangesArriveInTheOrderTheyWereCommitted() throws Exception {
		Api.User owner = newUser();
		long task = owner.createTask("Version 0").get("id").asLong();
		int changes = 300;
		List<StompTestClient> tabs = new java.util.ArrayList<>();
		try {
			List<BlockingQueue<JsonNode>> frames = new java.util.ArrayList<>();
			for (int i = 0; i < 8; i++) {
				StompTestClient tab = StompTestClient.connect(this.port, owner.authorization());
				tabs.add(tab);
				frames.add(tab.subscribe(TASKS));
			}
			for (int i = 1; i <= changes; i++) {
				this.taskService.update(owner.id(), task,
						new TaskPatch(java.util.Optional.of("Version " + i), null, null, null, null), null);
			}
			for (BlockingQueue<JsonNode> tab : frames) {
				List<Long> versions = new java.util.ArrayList<>();
				while (versions.size() < changes) {
					JsonNode frame = tab.poll(10, TimeUnit.SECONDS);
					assertThat(frame).as("frame %d of %d", versions.size() + 1, changes).isNotNull();
					versions.add(frame.get("task").get("version").asLong());
				}
				assertThat(versions).isSorted().doesNotHaveDuplicates();
			}
		}
		finally {
			for (StompTestClient tab : tabs) {
				tab.close();
			}
		}
	}

	@Test
	void createdTaskReachesEveryTabOfItsOwnerAndNobodyElse() throws Exception {
		Api.User owner = newUser();
		Api.User other = newUser();
		String token = owner.createToken("feed");
		try (StompTestClient tab1 = StompTestClient.connect(this.port, "Bearer " + token);
				StompTestClient tab2 = StompTestClient.connect(this.port, owner.basic());
				StompTestClient stranger = StompTestClient.connect(this.port, other.basic())) {
			BlockingQueue<JsonNode> first = tab1.subscribe(TASKS);
			BlockingQueue<JsonNode> second = tab2.subscribe(TASKS);
			BlockingQueue<JsonNode> strangers = stranger.subscribe(TASKS);

			long category = owner.createCategory("Live");
			JsonNode created = owner.createTask("Live task", category);

			for (BlockingQueue<JsonNode> tab : List.of(first, second)) {
				JsonNode event = tab.poll(1, TimeUnit.SECONDS);
				assertThat(event).as("a created event within a second").isNotNull();
				assertThat(event.get("type").asString()).isEqualTo("created");
				// the feed shows the task exactly as the REST API does
				assertThat(event.get("task")).isEqualTo(created);
			}
			// nothing reached the stranger before a change of their own (a marker)
			other.createTask("The stranger's own");
			assertThat(strangers.poll(2, TimeUnit.SECONDS).get("task").get("title").asString())
				.isEqualTo("The stranger's own");
		}
	}

	@Test
	void updateDeleteAndRestoreEachSendTheirEvent() throws Exception {
		Api.User owner = newUser();
		long id = owner.createTask("Changing").get("id").asLong();
		try (StompTestClient client = StompTestClient.connect(this.port, owner.basic())) {
			BlockingQueue<JsonNode> events = client.subscribe(TASKS);

			JsonNode patched = owner.patch("/api/tasks/" + id, body("status", "DONE")).expect(200).json();
			JsonNode updated = events.poll(2, TimeUnit.SECONDS);
			assertThat(updated.get("type").asString()).isEqualTo("updated");
			assertThat(updated.get("task")).isEqualTo(patched);

			owner.delete("/api/tasks/" + id).expect(204);
			JsonNode deleted = events.poll(2, TimeUnit.SECONDS);
			assertThat(deleted.get("type").asString()).isEqualTo("deleted");
			assertThat(deleted.get("task").get("id").asLong()).isEqualTo(id);

			JsonNode restoredTask = owner.post("/api/tasks/" + id + "/restore", null).expect(200).json();
			JsonNode restored = events.poll(2, TimeUnit.SECONDS);
			assertThat(restored.get("type").asString()).isEqualTo("restored");
			assertThat(restored.get("task")).isEqualTo(restoredTask);

			long category = owner.createCategory("Linked");
			owner.put("/api/tasks/" + id + "/categories/" + category).expect(204);
			JsonNode linked = events.poll(2, TimeUnit.SECONDS);
			assertThat(linked.get("type").asString()).isEqualTo("updated");
			assertThat(linked.get("task").get("categories").get(0).get("name").asString()).isEqualTo("Linked");
			// one event for the link, then nothing until a later marker
			owner.createTask("Marker");
			assertThat(events.poll(2, TimeUnit.SECONDS).get("task").get("title").asString()).isEqualTo("Marker");
		}
	}

	@Test
	void aRolledBackInsertIsNeverAnnounced() throws Exception {
		Api.User owner = newUser();
		try (StompTestClient client = StompTestClient.connect(this.port, owner.basic())) {
			BlockingQueue<JsonNode> events = client.subscribe(TASKS);
			this.transactions.executeWithoutResult((status) -> {
				this.taskService.create(owner.id(), new NewTask("Never happened", null, null, null, null));
				status.setRollbackOnly();
			});
			owner.createTask("Committed");
			// the first event is the committed one:
			// the rolled-back insert, made before it, never came
			JsonNode event = events.poll(2, TimeUnit.SECONDS);
			assertThat(event.get("task").get("title").asString()).isEqualTo("Committed");
		}
	}

	@Test
	void presenceCountsUsersAndSessions() throws Exception {
		Api.User watcher = newUser();
		Api.User visitor = newUser();
		try (StompTestClient watching = StompTestClient.connect(this.port, watcher.basic())) {
			BlockingQueue<JsonNode> changes = watching.subscribe("/topic/presence");
			JsonNode now = watching.subscribe("/app/presence").poll(2, TimeUnit.SECONDS);
			int users = now.get("users").asInt();
			int sessions = now.get("sessions").asInt();
			assertThat(users).isGreaterThanOrEqualTo(1);

			StompTestClient tab1 = StompTestClient.connect(this.port, visitor.basic());
			awaitPresence(changes, users + 1, sessions + 1);
			StompTestClient tab2 = StompTestClient.connect(this.port, visitor.basic());
			// a second tab is another session of the same user
			awaitPresence(changes, users + 1, sessions + 2);
			tab1.close();
			awaitPresence(changes, users + 1, sessions + 1);
			tab2.close();
			awaitPresence(changes, users, sessions);
		}
	}

	@Test
	void aScriptsConnectionStartsNoHttpSession() throws Exception {
		Api.User user = newUser();
		String token = user.createToken("script");
		for (String authorization : new String[] { "Bearer " + token, user.basic() }) {
			String response = StompTestClient.handshakeResponse(this.port, "Authorization: " + authorization);
			assertThat(response).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Set-Cookie");
		}
	}

	@Test
	void unauthenticatedAndCrossOriginHandshakesAreRefused() throws Exception {
		Api.User user = newUser();
		String token = user.createToken("ws");
		assertThat(StompTestClient.handshakeStatus(this.port)).isEqualTo(401);
		assertThat(StompTestClient.handshakeStatus(this.port, "Authorization: Basic bm9ib2R5Om5vdGhpbmc="))
			.isEqualTo(401);
		assertThat(StompTestClient.handshakeStatus(this.port, "Authorization: Bearer tf_unknown")).isEqualTo(401);
		assertThat(StompTestClient.handshakeStatus(this.port, "Authorization: " + user.basic(),
				"Origin: https://evil.example"))
			.isEqualTo(403);
		assertThat(StompTestClient.handshakeStatus(this.port, "Authorization: Bearer " + token,
				"Origin: http://localhost:" + this.port))
			.isEqualTo(101);

		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> StompTestClient.connect(this.port, null));
		WebSocketHttpHeaders crossOrigin = new WebSocketHttpHeaders();
		crossOrigin.add("Authorization", user.basic());
		crossOrigin.add("Origin", "https://evil.example");
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> StompTestClient.connect(this.port, crossOrigin, new StompHeaders()));
	}

	@Test
	void clientsThatSendAHostHeaderConnect() throws Exception {
		Api.User owner = newUser();
		org.springframework.web.socket.WebSocketHttpHeaders handshake = new org.springframework.web.socket.WebSocketHttpHeaders();
		handshake.add("Authorization", owner.basic());
		org.springframework.messaging.simp.stomp.StompHeaders connect = new org.springframework.messaging.simp.stomp.StompHeaders();
		connect.setHost("localhost");
		try (StompTestClient client = StompTestClient.connect(this.port, handshake, connect)) {
			BlockingQueue<JsonNode> events = client.subscribe(TASKS);
			owner.createTask("With a host header");
			assertThat(events.poll(2, TimeUnit.SECONDS).get("task").get("title").asString())
				.isEqualTo("With a host header");
		}
	}

	@Test
	void foreignAndDirectQueueSubscriptionsAreRefused() throws Exception {
		Api.User owner = newUser();
		Api.User intruder = newUser();
		assertThat(refusal(intruder, (client) -> client.subscribeUnchecked("/user/" + owner.email() + "/queue/tasks")))
			.isEqualTo("SUBSCRIBE to /user/" + owner.email()
					+ "/queue/tasks refused: you may subscribe to /user/queue/tasks, /user/queue/presence, "
					+ "/app/presence, /topic/presence or, as a member, /app/projects/{id}/presence");
		assertThat(refusal(intruder, (client) -> client.subscribeUnchecked("/queue/tasks")))
			.startsWith("SUBSCRIBE to /queue/tasks refused");
		assertThat(refusal(intruder, (client) -> client.subscribeUnchecked("/queue/tasks-user" + owner.id())))
			.startsWith("SUBSCRIBE to /queue/tasks-user" + owner.id() + " refused");
	}

	@Test
	void sendingToBrokerDestinationsIsRefusedAndAnOversizedFrameEndsTheSession() throws Exception {
		Api.User user = newUser();
		assertThat(refusal(user, (client) -> client.send("/topic/presence", "{\"users\":999}")))
			.isEqualTo("SEND to /topic/presence refused: the one SEND a client makes is /app/tasks/{id}/typing, "
					+ "on a task it can see");
		assertThat(refusal(user, (client) -> client.send("/queue/tasks", "{}")))
			.isEqualTo("SEND to /queue/tasks refused: the one SEND a client makes is /app/tasks/{id}/typing, "
					+ "on a task it can see");
		// an oversized frame ends the session with 1009 (message too big), seen on a
		// plain WebSocket that reports the close code
		java.util.concurrent.CompletableFuture<Integer> closeCode = new java.util.concurrent.CompletableFuture<>();
		java.util.concurrent.CompletableFuture<String> connected = new java.util.concurrent.CompletableFuture<>();
		java.net.http.WebSocket socket = java.net.http.HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Authorization", user.authorization())
			.buildAsync(java.net.URI.create("ws://localhost:" + this.port + "/ws"),
					new java.net.http.WebSocket.Listener() {

						@Override
						public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket webSocket,
								CharSequence data, boolean last) {
							connected.complete(data.toString());
							webSocket.request(1);
							return null;
						}

						@Override
						public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket webSocket,
								int statusCode, String reason) {
							closeCode.complete(statusCode);
							return null;
						}

						@Override
						public void onError(java.net.http.WebSocket webSocket, Throwable error) {
							closeCode.completeExceptionally(error);
						}

					})
			.get(5, TimeUnit.SECONDS);
		socket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0", true).get(5, TimeUnit.SECONDS);
		assertThat(connected.get(5, TimeUnit.SECONDS)).startsWith("CONNECTED");
		socket.sendText("SEND\ndestination:/app/presence\n\n" + "x".repeat(2 * 1024) + "\0", true);
		assertThat(closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1009);
		// a frame under the limit is fine
		try (StompTestClient client = StompTestClient.connect(this.port, user.basic())) {
			assertThat(client.subscribe("/app/presence").poll(2, TimeUnit.SECONDS)).isNotNull();
		}
	}

	private static void awaitPresence(BlockingQueue<JsonNode> changes, int users, int sessions)
			throws InterruptedException {
		StompTestClient.awaitFrame(changes,
				(next) -> next.get("users").asInt() == users && next.get("sessions").asInt() == sessions,
				Duration.ofSeconds(5));
	}

	/**
	 * Waits for the server's answer to a presence subscription: by then it has finished
	 * writing CONNECTED. A frame refused while that write is still being flushed can lose
	 * its ERROR frame (Spring closes the session while the reply waits in its send
	 * buffer), which is not what these tests are about.
	 */
	private static void settle(StompTestClient client) throws Exception {
		assertThat(client.subscribe("/app/presence").poll(5, TimeUnit.SECONDS)).isNotNull();
	}

	/**
	 * The ERROR frame's message when a connection of this user sends the frame. A
	 * transport failure alone never passes for a refusal.
	 */
	private String refusal(Api.User user, java.util.function.Consumer<StompTestClient> frame) throws Exception {
		try (StompTestClient client = StompTestClient.connect(this.port, user.basic())) {
			settle(client);
			frame.accept(client);
			return client.nextErrorFrame(5000);
		}
	}

	/**
	 * A refusal's ERROR frame arrives even while task events are being sent to the same
	 * session: it used to wait in the session's buffer behind them and be dropped when
	 * the session closed.
	 */
	@Test
	void aRefusalIsAnsweredEvenWhileEventsFlowToTheSameSession() throws Exception {
		Api.User user = newUser();
		java.util.concurrent.atomic.AtomicBoolean flowing = new java.util.concurrent.atomic.AtomicBoolean(true);
		Thread writer = new Thread(() -> {
			for (int i = 0; flowing.get() && i < 2000; i++) {
				user.createTask("flow " + i);
			}
		});
		writer.start();
		try {
			for (int attempt = 0; attempt < 15; attempt++) {
				try (StompTestClient client = StompTestClient.connect(this.port, user.authorization())) {
					client.subscribe(TASKS);
					client.send("/queue/tasks", "{}");
					assertThat(client.nextErrorFrame(5000)).as("attempt %d", attempt)
						.startsWith("SEND to /queue/tasks refused: ");
				}
			}
		}
		finally {
			flowing.set(false);
			writer.join();
		}
	}

}
