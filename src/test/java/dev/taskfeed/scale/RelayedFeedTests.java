package dev.taskfeed.scale;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import dev.taskfeed.TaskFeedApplication;
import dev.taskfeed.support.Api;
import dev.taskfeed.support.PageSession;
import dev.taskfeed.support.ProjectPresenceFrames;
import dev.taskfeed.support.ProjectPresenceFrames.Online;
import dev.taskfeed.support.StompTestClient;
import dev.taskfeed.support.TcpProxy;
import dev.taskfeed.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;
import org.springframework.messaging.support.AbstractMessageChannel;
import org.springframework.messaging.support.ExecutorChannelInterceptor;

import static dev.taskfeed.support.ProjectPresenceFrames.answer;
import static dev.taskfeed.support.ProjectPresenceFrames.awaitPresence;
import static dev.taskfeed.support.ProjectPresenceFrames.isAbout;
import static dev.taskfeed.support.ProjectPresenceFrames.online;
import static dev.taskfeed.support.ProjectPresenceFrames.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two TaskFeed instances on one PostgreSQL and the machine's RabbitMQ (STOMP plugin on
 * 61613): the feed and presence cross instances. Instance A reaches RabbitMQ through a
 * proxy the test can cut, to play a broker outage. Skipped only when no broker answers
 * and {@code CI} is unset. Each instance keeps a {@link FeedTrace} of what it sent, so a
 * test can tell which instance a message came from when it proves that something did not
 * arrive.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class RelayedFeedTests {

	private static final String BROKER_HOST = System.getenv().getOrDefault("TASKFEED_TEST_RABBITMQ_HOST", "127.0.0.1");

	private static final int BROKER_STOMP_PORT = Integer
		.parseInt(System.getenv().getOrDefault("TASKFEED_TEST_RABBITMQ_STOMP_PORT", "61613"));

	private static TcpProxy brokerForA;

	private static ConfigurableApplicationContext instanceA;

	private static ConfigurableApplicationContext instanceB;

	private static Api apiA;

	private static Api apiB;

	private static final String TASKS = "/user/queue/tasks";

	private static final String PRESENCE = "/user/queue/presence";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final FeedTrace traceA = new FeedTrace();

	private static final FeedTrace traceB = new FeedTrace();

	@BeforeAll
	static void startTwoInstances() throws IOException {
		if (!brokerAnswers()) {
			String why = "no RabbitMQ STOMP listener at " + BROKER_HOST + ":" + BROKER_STOMP_PORT
					+ " (rabbitmq-plugins enable rabbitmq_stomp)";
			if (System.getenv("CI") != null) {
				throw new IllegalStateException(why);
			}
			Assumptions.abort(why);
		}
		brokerForA = new TcpProxy(BROKER_HOST, BROKER_STOMP_PORT);
		instanceA = start(brokerForA.port(), traceA);
		instanceB = start(BROKER_STOMP_PORT, traceB);
		apiA = new Api(port(instanceA));
		apiB = new Api(port(instanceB));
	}

	@AfterAll
	static void stop() {
		if (instanceA != null) {
			instanceA.close();
		}
		if (instanceB != null) {
			instanceB.close();
		}
		if (brokerForA != null) {
			brokerForA.close();
		}
	}

	@Test
	void aTaskCreatedThroughAReachesItsOwnerOnBAndNobodyElse() throws Exception {
		Api.User owner = register(apiA);
		Api.User stranger = register(apiA);
		try (StompTestClient ownerOnB = StompTestClient.connect(apiB.port(), owner.basic());
				StompTestClient strangerOnA = StompTestClient.connect(apiA.port(), stranger.basic());
				StompTestClient strangerOnB = StompTestClient.connect(apiB.port(), stranger.basic())) {
			BlockingQueue<JsonNode> ownerEvents = ownerOnB.subscribeWithReceipt("/user/queue/tasks");
			BlockingQueue<JsonNode> strangerEventsA = strangerOnA.subscribeWithReceipt("/user/queue/tasks");
			BlockingQueue<JsonNode> strangerEventsB = strangerOnB.subscribeWithReceipt("/user/queue/tasks");

			JsonNode created = owner.post("/api/tasks", Api.body("title", "Made on A")).expect(201).json();

			JsonNode event = ownerEvents.poll(1, TimeUnit.SECONDS);
			assertThat(event).as("the owner's session on B got the change made on A").isNotNull();
			assertThat(event.get("type").asString()).isEqualTo("created");
			assertThat(event.get("task")).isEqualTo(created);
			// nothing reached the stranger,
			// on either instance, before a change of their own
			stranger.post("/api/tasks", Api.body("title", "The stranger's own")).expect(201);
			assertThat(strangerEventsA.poll(2, TimeUnit.SECONDS).get("task").get("title").asString())
				.isEqualTo("The stranger's own");
			assertThat(strangerEventsB.poll(2, TimeUnit.SECONDS).get("task").get("title").asString())
				.isEqualTo("The stranger's own");
			// and the other way round: a change made through B reaches a session on A
			try (StompTestClient ownerOnA = StompTestClient.connect(apiA.port(), owner.basic())) {
				BlockingQueue<JsonNode> onA = ownerOnA.subscribeWithReceipt("/user/queue/tasks");
				Api.User ownerViaB = apiB.existing(owner.email(), owner.password());
				ownerViaB.patch("/api/tasks/" + created.get("id").asLong(), Api.body("status", "DONE")).expect(200);
				assertThat(onA.poll(1, TimeUnit.SECONDS).get("task").get("status").asString()).isEqualTo("DONE");
				assertThat(ownerEvents.poll(1, TimeUnit.SECONDS).get("type").asString()).isEqualTo("updated");
			}
		}
	}

	/**
	 * STOMP 1.2 makes `host` mandatory on CONNECT; the relay must not hand it to RabbitMQ
	 * as a vhost. Runs last: its sessions would otherwise linger in the other instance's
	 * presence counts for a broadcast interval and upset the presence test's baseline.
	 */
	@Test
	@org.junit.jupiter.api.Order(Integer.MAX_VALUE)
	void clientsThatSendAHostHeaderConnectThroughTheRelay() throws Exception {
		Api.User owner = register(apiA);
		for (String host : new String[] { "localhost", "taskfeed.example", "/" }) {
			org.springframework.web.socket.WebSocketHttpHeaders handshake = new org.springframework.web.socket.WebSocketHttpHeaders();
			handshake.add("Authorization", owner.basic());
			org.springframework.messaging.simp.stomp.StompHeaders connect = new org.springframework.messaging.simp.stomp.StompHeaders();
			connect.setHost(host);
			try (StompTestClient client = StompTestClient.connect(apiB.port(), handshake, connect)) {
				BlockingQueue<JsonNode> events = client.subscribeWithReceipt("/user/queue/tasks");
				owner.post("/api/tasks", Api.body("title", "For host " + host)).expect(201);
				JsonNode event = events.poll(2, TimeUnit.SECONDS);
				assertThat(event).as("an event on a connection that said host:%s", host).isNotNull();
				assertThat(event.get("task").get("title").asString()).isEqualTo("For host " + host);
			}
		}
	}

	@Test
	void aBrowserSignedInThroughOneInstanceIsSignedInOnEvery() throws Exception {
		Api.User user = register(apiA);
		PageSession onA = new PageSession(apiA.port(), "en").signIn(user.email(), user.password());
		// the load balancer sends the same browser to B: its session is known there
		PageSession onB = onA.onPort(apiB.port());
		HttpResponse<String> list = onB.get("/tasks");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("Your tasks");
		HttpResponse<String> created = onB.post("/tasks", "title", "Posted on B", "status", "TODO");
		assertThat(created.statusCode()).isEqualTo(302);
		assertThat(PageSession.location(created)).isEqualTo("/tasks");
		// the flash message set on B is shown by A
		assertThat(onA.get("/tasks").body()).contains("Task “Posted on B” added.");

		// the page's live feed connects to B with
		// the cookie and the CSRF token A's page gave
		try (StompTestClient pageOnB = StompTestClient.connectAsPage(apiB.port(), onA)) {
			BlockingQueue<JsonNode> events = pageOnB.subscribeWithReceipt("/user/queue/tasks");
			user.createTask("Made through A");
			assertThat(events.poll(1, TimeUnit.SECONDS).get("task").get("title").asString())
				.isEqualTo("Made through A");

			// signing out on A signs the browser out on B as well,
			// and B's check closes its feed
			HttpResponse<String> signedOut = onA.post("/logout");
			assertThat(signedOut.statusCode()).isEqualTo(302);
			HttpResponse<String> again = onB.get("/tasks");
			assertThat(again.statusCode()).isEqualTo(302);
			assertThat(PageSession.location(again)).isEqualTo("/login");
			await("B to close the signed-out page's feed").atMost(Duration.ofSeconds(3))
				.until(() -> !pageOnB.isConnected());
		}
	}

	@Test
	void presenceCountsUsersAndSessionsOnBothInstances() throws Exception {
		Api.User watcher = register(apiA);
		Api.User owner = register(apiA);
		Api.User other = register(apiB);
		try (StompTestClient watching = StompTestClient.connect(apiA.port(), watcher.basic())) {
			BlockingQueue<JsonNode> presence = watching.subscribeWithReceipt("/topic/presence");
			JsonNode before = awaitOverallPresence(presence, (counts) -> true);
			int users = before.get("users").asInt();
			int sessions = before.get("sessions").asInt();
			try (StompTestClient ownerOnA = StompTestClient.connect(apiA.port(), owner.basic());
					StompTestClient ownerOnB = StompTestClient.connect(apiB.port(), owner.basic());
					StompTestClient otherOnB = StompTestClient.connect(apiB.port(), other.basic())) {
				ownerOnB.subscribeWithReceipt("/topic/presence");
				otherOnB.subscribeWithReceipt("/topic/presence");
				// two more users; three more sessions, two of them on B
				awaitOverallPresence(presence, (counts) -> counts.get("users").asInt() == users + 2
						&& counts.get("sessions").asInt() == sessions + 3);
				ownerOnB.close();
				awaitOverallPresence(presence, (counts) -> counts.get("users").asInt() == users + 2
						&& counts.get("sessions").asInt() == sessions + 2);
			}
		}
	}

	@Test
	void restKeepsAnsweringWhileTheBrokerIsAwayAndTheFeedResumesAfter() throws Exception {
		Api.User owner = register(apiA);
		assertThat(brokerHealth(apiA)).isEqualTo("UP");
		try (StompTestClient before = StompTestClient.connect(apiA.port(), owner.basic())) {
			BlockingQueue<JsonNode> events = before.subscribeWithReceipt("/user/queue/tasks");

			brokerForA.cut();
			await("A's health to show the broker DOWN").atMost(Duration.ofSeconds(10))
				.until(() -> "DOWN".equals(brokerHealth(apiA)));
			await("the feed session on A to be closed").atMost(Duration.ofSeconds(10))
				.until(() -> !before.isConnected());
			// the REST API does not depend on the broker
			JsonNode during = owner.post("/api/tasks", Api.body("title", "While RabbitMQ was away")).expect(201).json();
			assertThat(owner.get("/api/tasks/" + during.get("id").asLong()).status()).isEqualTo(200);
		}
		finally {
			brokerForA.restore();
		}
		await("the relay to reconnect").atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(brokerHealth(apiA)));
		try (StompTestClient after = StompTestClient.connect(apiA.port(), owner.basic())) {
			BlockingQueue<JsonNode> events = after.subscribeWithReceipt("/user/queue/tasks");
			// a client that reconnects catches up from the REST list,
			// then follows the feed
			assertThat(owner.get("/api/tasks").json().get("content").findValuesAsString("title"))
				.contains("While RabbitMQ was away");
			owner.post("/api/tasks", Api.body("title", "After the outage")).expect(201);
			JsonNode event = events.poll(1, TimeUnit.SECONDS);
			assertThat(event).isNotNull();
			assertThat(event.get("task").get("title").asString()).isEqualTo("After the outage");
		}
	}

	/**
	 * A shared project across instances: Ana works through A, her editor Bob, her viewer
	 * Carol and the outsider Dave watch through B. Absence is proven by order, not by
	 * sleeping: everything A sends reaches RabbitMQ over one connection, so once Bob or
	 * Dave receives the change they made themselves through A last, nothing sent before
	 * it is still on its way. Runs after the presence test, whose baseline its sessions
	 * would otherwise upset.
	 */
	@Test
	@org.junit.jupiter.api.Order(Integer.MAX_VALUE - 1)
	void aSharedProjectsChangesReachItsMembersOnTheOtherInstanceAndNobodyElse() throws Exception {
		Api.User ana = withToken(register(apiA));
		Api.User bob = withToken(register(apiA));
		Api.User carol = withToken(register(apiA));
		Api.User dave = withToken(register(apiA));
		String anasName = ana.get("/api/users/me").expect(200).json().get("displayName").asString();
		try (StompTestClient anaOnA = StompTestClient.connect(apiA.port(), ana.basic());
				StompTestClient bobOnB = StompTestClient.connect(apiB.port(), bob.basic());
				StompTestClient carolOnB = StompTestClient.connect(apiB.port(), carol.basic());
				StompTestClient daveOnB = StompTestClient.connect(apiB.port(), dave.basic())) {
			BlockingQueue<JsonNode> anas = anaOnA.subscribeWithReceipt("/user/queue/tasks");
			BlockingQueue<JsonNode> bobs = bobOnB.subscribeWithReceipt("/user/queue/tasks");
			BlockingQueue<JsonNode> carols = carolOnB.subscribeWithReceipt("/user/queue/tasks");
			BlockingQueue<JsonNode> daves = daveOnB.subscribeWithReceipt("/user/queue/tasks");

			long project = ana.post("/api/projects", Api.body("name", "Launch")).expect(201).json().get("id").asLong();
			ana.post("/api/projects/" + project + "/members", Api.body("email", bob.email(), "role", "EDITOR"))
				.expect(201);
			ana.post("/api/projects/" + project + "/members", Api.body("email", carol.email(), "role", "VIEWER"))
				.expect(201);
			assertThat(next(bobs, "project-joined", project).get("project").get("role").asString()).isEqualTo("EDITOR");
			assertThat(next(carols, "project-joined", project).get("project").get("role").asString())
				.isEqualTo("VIEWER");

			// Ana creates a task in the project, assigned to Bob, then updates it, on A
			JsonNode created = ana
				.post("/api/tasks", Api.body("title", "Book the venue", "projectId", project, "assigneeId", bob.id()))
				.expect(201)
				.json();
			long task = created.get("id").asLong();
			JsonNode updated = ana.patch("/api/tasks/" + task, Api.body("status", "IN_PROGRESS")).expect(200).json();
			for (BlockingQueue<JsonNode> member : List.of(bobs, carols, anas)) {
				JsonNode createdEvent = nextAbout(member, "created", task);
				assertThat(createdEvent.get("task")).isEqualTo(created);
				assertActor(createdEvent, ana.id(), anasName);
				JsonNode updatedEvent = nextAbout(member, "updated", task);
				assertThat(updatedEvent.get("task")).isEqualTo(updated);
				assertThat(updatedEvent.get("task").get("status").asString()).isEqualTo("IN_PROGRESS");
				assertActor(updatedEvent, ana.id(), anasName);
			}

			// Ana removes Bob, and changes the task right after:
			// the removal clears Bob as its assignee and says so to
			// those still in the project; Bob hears only that he left
			ana.delete("/api/projects/" + project + "/members/" + bob.id()).expect(204);
			ana.patch("/api/tasks/" + task, Api.body("title", "Book the big venue")).expect(200);
			JsonNode unassigned = nextAbout(carols, "updated", task);
			assertThat(unassigned.get("task").get("assignee").isNull()).isTrue();
			assertActor(unassigned, ana.id(), anasName);
			JsonNode renamed = nextAbout(carols, "updated", task);
			assertThat(renamed.get("task").get("title").asString()).isEqualTo("Book the big venue");
			assertActor(renamed, ana.id(), anasName);

			// Ana moves the task into her personal project: Carol loses sight of it
			long anasPersonal = personalProject(ana);
			JsonNode moved = ana.patch("/api/tasks/" + task, Api.body("projectId", anasPersonal)).expect(200).json();
			assertThat(moved.get("project").get("id").asLong()).isEqualTo(anasPersonal);
			JsonNode removed = next(carols, "removed", null);
			assertThat(removed.get("taskId").asLong()).isEqualTo(task);
			assertThat(removed.has("task")).isFalse();
			assertActor(removed, ana.id(), anasName);
			// Ana, in both projects, sees it move
			JsonNode anasMove = StompTestClient.awaitFrame(anas,
					(frame) -> frame.path("task").path("project").path("id").asLong() == anasPersonal,
					Duration.ofSeconds(10));
			assertThat(anasMove.get("type").asString()).isEqualTo("updated");

			// Bob, since his removal, and Dave, all along,
			// got nothing but their own change made through A last
			bob.post("/api/tasks", Api.body("title", "Bob's own")).expect(201);
			dave.post("/api/tasks", Api.body("title", "Dave's own")).expect(201);
			List<JsonNode> bobGot = framesUntilOwnTask(bobs, "Bob's own");
			assertThat(bobGot).extracting((frame) -> frame.get("type").asString())
				.as("what Bob received after his removal: %s", bobGot)
				.containsExactly("project-left", "created");
			assertThat(bobGot.get(0).get("project").get("id").asLong()).isEqualTo(project);
			assertThat(bobGot.get(0).get("project").get("role").isNull()).isTrue();
			List<JsonNode> daveGot = framesUntilOwnTask(daves, "Dave's own");
			assertThat(daveGot).as("what Dave received: %s", daveGot).hasSize(1);
		}
	}

	/**
	 * The conversation on a shared task across instances: Bob, an editor, comments and
	 * edits through B, and Ana, the owner, deletes his comment through A. Ana's sessions
	 * on both instances, Carol (a viewer, on B) and Bob himself get each change with who
	 * made it, once it is committed; Dave, no member, on A, gets nothing: his own changes
	 * through B and through A, made last, are all he receives.
	 */
	@Test
	@org.junit.jupiter.api.Order(Integer.MAX_VALUE - 4)
	void commentsOnASharedTaskReachEveryMembersSessionsOnBothInstancesAndNobodyElse() throws Exception {
		Api.User ana = withToken(register(apiA));
		Api.User bob = withToken(register(apiA));
		Api.User carol = withToken(register(apiA));
		Api.User dave = withToken(register(apiA));
		String anasName = displayName(ana);
		String bobsName = displayName(bob);
		long project = sharedProject(ana, bob, carol);
		long task = ana.post("/api/tasks", Api.body("title", "Plan the launch party", "projectId", project))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		Api.User bobViaB = on(apiB, bob);
		try (StompTestClient anaOnA = StompTestClient.connect(apiA.port(), ana.authorization());
				StompTestClient anaOnB = StompTestClient.connect(apiB.port(), ana.authorization());
				StompTestClient bobOnB = StompTestClient.connect(apiB.port(), bob.authorization());
				StompTestClient carolOnB = StompTestClient.connect(apiB.port(), carol.authorization());
				StompTestClient daveOnA = StompTestClient.connect(apiA.port(), dave.authorization())) {
			BlockingQueue<JsonNode> anasOnA = anaOnA.subscribeWithReceipt(TASKS);
			BlockingQueue<JsonNode> anasOnB = anaOnB.subscribeWithReceipt(TASKS);
			BlockingQueue<JsonNode> bobs = bobOnB.subscribeWithReceipt(TASKS);
			BlockingQueue<JsonNode> carols = carolOnB.subscribeWithReceipt(TASKS);
			BlockingQueue<JsonNode> daves = daveOnA.subscribeWithReceipt(TASKS);
			List<BlockingQueue<JsonNode>> members = List.of(anasOnA, anasOnB, bobs, carols);

			// Bob comments through B; Ana's session on A hears
			// of it while his request may still be answering,
			// and what it hears A already shows: it was sent after the commit
			CompletableFuture<JsonNode> posting = CompletableFuture.supplyAsync(() -> bobViaB
				.post("/api/tasks/" + task + "/comments", Api.body("body", "I'll call the venue\non Monday"))
				.expect(201)
				.json());
			JsonNode heard = StompTestClient.awaitFrame(anasOnA,
					(frame) -> "comment-added".equals(frame.path("type").asString())
							&& frame.path("taskId").asLong() == task,
					WAIT);
			JsonNode shown = ana.get("/api/tasks/" + task + "/comments").expect(200).json().get("content");
			assertThat(shown).hasSize(1);
			assertThat(shown.get(0)).isEqualTo(heard.get("comment"));
			assertThat(ana.get("/api/tasks/" + task).expect(200).json().get("commentCount").asInt()).isEqualTo(1);
			JsonNode comment = posting.get(10, TimeUnit.SECONDS);
			long id = comment.get("id").asLong();
			assertThat(heard.get("comment")).isEqualTo(comment);
			assertActor(heard, bob.id(), bobsName);
			for (BlockingQueue<JsonNode> member : List.of(anasOnB, bobs, carols)) {
				JsonNode added = nextComment(member, "comment-added", id);
				assertThat(added.get("taskId").asLong()).isEqualTo(task);
				assertThat(added.get("comment")).isEqualTo(comment);
				assertActor(added, bob.id(), bobsName);
			}

			// Bob edits it through B
			JsonNode edited = bobViaB.patch("/api/comments/" + id, Api.body("body", "Venue booked for Friday"))
				.expect(200)
				.json();
			assertThat(edited.get("editedAt").isNull()).isFalse();
			for (BlockingQueue<JsonNode> member : members) {
				JsonNode event = nextComment(member, "comment-edited", id);
				assertThat(event.get("taskId").asLong()).isEqualTo(task);
				assertThat(event.get("comment")).isEqualTo(edited);
				assertActor(event, bob.id(), bobsName);
			}

			// Ana, the owner, deletes it through A: the event shows it as it was
			ana.delete("/api/comments/" + id).expect(204);
			for (BlockingQueue<JsonNode> member : members) {
				JsonNode event = nextComment(member, "comment-deleted", id);
				assertThat(event.get("taskId").asLong()).isEqualTo(task);
				assertThat(event.get("comment")).isEqualTo(edited);
				assertActor(event, ana.id(), anasName);
			}
			assertThat(ana.get("/api/tasks/" + task).expect(200).json().get("commentCount").asInt()).isZero();

			// Dave: comments went out through B, the deletion through A; his own
			// changes through both, made after, are all he got
			dave.post("/api/tasks", Api.body("title", "Dave's own, through A")).expect(201);
			on(apiB, dave).post("/api/tasks", Api.body("title", "Dave's own, through B")).expect(201);
			List<String> titles = new ArrayList<>(List.of("Dave's own, through A", "Dave's own, through B"));
			List<JsonNode> daveGot = framesUntil(daves, (frame) -> {
				titles.remove(frame.path("task").path("title").asString());
				return titles.isEmpty();
			});
			assertThat(daveGot).as("what Dave received: %s", daveGot).hasSize(2);
		}
	}

	/**
	 * "Bob is typing" across instances: Bob's SEND on B reaches Ana's sessions on A and B
	 * and Carol's, never Bob's own; a second within the second is dropped. Dave, no
	 * member, is refused with an ERROR frame and his SEND reaches nobody. Absence by
	 * order: B's controller has finished with both SENDs (seen from inside B) before the
	 * marker, a comment through B, is made.
	 */
	@Test
	@org.junit.jupiter.api.Order(Integer.MAX_VALUE - 3)
	void typingReachesTheOtherMembersOnEveryInstanceOnceASecondAndNeverFromAnOutsider() throws Exception {
		Api.User ana = withToken(register(apiA));
		Api.User bob = withToken(register(apiA));
		Api.User carol = withToken(register(apiA));
		Api.User dave = withToken(register(apiA));
		String bobsName = displayName(bob);
		long project = sharedProject(ana, bob, carol);
		long task = ana.post("/api/tasks", Api.body("title", "Write the invitation", "projectId", project))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		String typing = "/app/tasks/" + task + "/typing";
		JsonNode bobIsTyping = Api.JSON.readTree("{\"type\":\"typing\",\"taskId\":" + task + ",\"user\":{\"id\":"
				+ bob.id() + ",\"displayName\":" + Api.json(bobsName) + "}}");
		try (StompTestClient anaOnA = StompTestClient.connect(apiA.port(), ana.authorization());
				StompTestClient anaOnB = StompTestClient.connect(apiB.port(), ana.authorization());
				StompTestClient bobOnB = StompTestClient.connect(apiB.port(), bob.authorization());
				StompTestClient bobOnA = StompTestClient.connect(apiA.port(), bob.authorization());
				StompTestClient carolOnB = StompTestClient.connect(apiB.port(), carol.authorization())) {
			Map<String, BlockingQueue<JsonNode>> others = Map.of("Ana on A", anaOnA.subscribeWithReceipt(TASKS),
					"Ana on B", anaOnB.subscribeWithReceipt(TASKS), "Carol on B", carolOnB.subscribeWithReceipt(TASKS));
			Map<String, BlockingQueue<JsonNode>> bobs = Map.of("Bob on B", bobOnB.subscribeWithReceipt(TASKS),
					"Bob on A", bobOnA.subscribeWithReceipt(TASKS));

			// Bob types in his session on B: two SENDs at once
			int handledBefore = traceB.handled(typing);
			bobOnB.send(typing, "");
			bobOnB.send(typing, "");
			await("B's controller to finish with both SENDs").atMost(WAIT)
				.until(() -> traceB.handled(typing) == handledBefore + 2);
			long marker = on(apiB, bob)
				.post("/api/tasks/" + task + "/comments", Api.body("body", "Draft is in the description"))
				.expect(201)
				.json()
				.get("id")
				.asLong();
			for (Map.Entry<String, BlockingQueue<JsonNode>> other : others.entrySet()) {
				List<JsonNode> got = framesUntil(other.getValue(), commentAdded(marker));
				assertThat(typings(got)).as("what %s received before the marker: %s", other.getKey(), got)
					.containsExactly(bobIsTyping);
			}
			for (Map.Entry<String, BlockingQueue<JsonNode>> own : bobs.entrySet()) {
				List<JsonNode> got = framesUntil(own.getValue(), commentAdded(marker));
				assertThat(typings(got)).as("what %s received before the marker: %s", own.getKey(), got).isEmpty();
			}
			long bobsTypingHandled = System.nanoTime();

			// Dave is no member: his SEND on A is refused,
			// and A's controller never sees it
			assertThat(refusal(apiA, dave, (client) -> client.send(typing, "")))
				.startsWith("SEND to " + typing + " refused");
			assertThat(traceA.handled(typing)).isZero();
			long secondMarker = ana.post("/api/tasks/" + task + "/comments", Api.body("body", "Looks good, through A"))
				.expect(201)
				.json()
				.get("id")
				.asLong();
			for (Map.Entry<String, BlockingQueue<JsonNode>> member : concat(others, bobs).entrySet()) {
				List<JsonNode> got = framesUntil(member.getValue(), commentAdded(secondMarker));
				assertThat(typings(got)).as("what %s received after Dave's SEND: %s", member.getKey(), got).isEmpty();
			}

			// a second later Bob's session is heard again (the rule is one typing signal
			// a second, so the test waits out what is left of that second)
			long left = TimeUnit.SECONDS.toMillis(1)
					- TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - bobsTypingHandled);
			if (left > 0) {
				Thread.sleep(left + 100);
			}
			bobOnB.send(typing, "");
			for (Map.Entry<String, BlockingQueue<JsonNode>> other : others.entrySet()) {
				assertThat(StompTestClient.awaitFrame(other.getValue(),
						(frame) -> "typing".equals(frame.path("type").asString()), WAIT))
					.as(other.getKey())
					.isEqualTo(bobIsTyping);
			}
		}
	}

	/**
	 * Who of a shared project is online, across instances: Ana (a session on each) and
	 * Bob (on B), then Carol (on B); the other instance's sessions are learnt from its
	 * registry broadcast, so the updates and answers are awaited for a bounded time, and
	 * every answer meanwhile lists no one else. Ana removes Carol: Ana's next presence of
	 * the project lists her no more, and Carol gets none of it any more. Absence by
	 * order: a marker each instance sends Carol after the removal has arrived, so
	 * everything it sent her before has; which instance sent what is seen from inside
	 * them.
	 */
	@Test
	@org.junit.jupiter.api.Order(Integer.MAX_VALUE - 2)
	void aProjectsPresenceListsItsMembersSessionsOnBothInstancesAndARemovedMemberDropsOutAtOnce() throws Exception {
		Api.User ana = withToken(register(apiA));
		Api.User bob = withToken(register(apiA));
		Api.User carol = withToken(register(apiA));
		Api.User dave = withToken(register(apiA));
		long project = sharedProject(ana, bob, carol);
		String presence = "/app/projects/" + project + "/presence";
		// an outsider may not even ask
		assertThat(refusal(apiA, dave, (client) -> client.subscribeUnchecked(presence)))
			.startsWith("SUBSCRIBE to " + presence + " refused");

		Online ana2 = new Online(ana.id(), displayName(ana), 2);
		Online bob1 = new Online(bob.id(), displayName(bob), 1);
		Online carol1 = new Online(carol.id(), displayName(carol), 1);
		try (StompTestClient anaOnA = StompTestClient.connect(apiA.port(), ana.authorization())) {
			BlockingQueue<JsonNode> anas = anaOnA.subscribeWithReceipt(PRESENCE);
			try (StompTestClient anaOnB = StompTestClient.connect(apiB.port(), ana.authorization());
					StompTestClient bobOnB = StompTestClient.connect(apiB.port(), bob.authorization())) {
				List<Online> anaAndBob = sorted(ana2, bob1);
				awaitPresence(anas, project, anaAndBob, WAIT);
				assertThat(awaitAnswer(anaOnA, project, anaAndBob).get("projectId").asLong()).isEqualTo(project);

				try (StompTestClient carolOnB = StompTestClient.connect(apiB.port(), carol.authorization())) {
					BlockingQueue<JsonNode> carols = carolOnB.subscribeWithReceipt(PRESENCE);
					List<Online> everyone = sorted(ana2, bob1, carol1);
					awaitPresence(anas, project, everyone, WAIT);
					awaitAnswer(anaOnA, project, everyone);

					// whatever the instances sent Ana and Carol so far has arrived
					long drained = FeedTrace.now();
					throughMarkers(anas, ana, "settled");
					throughMarkers(carols, carol, "settled");
					long removing = FeedTrace.now();
					ana.delete("/api/projects/" + project + "/members/" + carol.id()).expect(204);
					long removed = FeedTrace.now();

					// Ana's next presence of the project no longer lists Carol (apart
					// from
					// any update an instance sent before the removal: none as a rule)
					long sentAnaBefore = sentAbout(project, ana, drained, removing).size();
					List<JsonNode> anaGot = framesUntil(anas,
							(frame) -> isAbout(frame, project) && online(frame).equals(anaAndBob));
					assertThat(anaGot.stream().filter((frame) -> isAbout(frame, project)).count())
						.as("Ana's presence of the project since the removal: %s", anaGot)
						.isLessThanOrEqualTo(sentAnaBefore + 1);
					assertThat(online(answer(anaOnA, project))).isEqualTo(anaAndBob);

					// Carol: nothing of the project since, from either instance
					List<JsonNode> carolGot = throughMarkers(carols, carol, "removed");
					assertThat(carolGot.stream().filter((frame) -> isAbout(frame, project)).count())
						.as("Carol's presence of the project since the removal: %s", carolGot)
						.isLessThanOrEqualTo(sentAbout(project, carol, drained, removed).size());
					assertThat(sentAbout(project, carol, removed, Long.MAX_VALUE)).isEmpty();
					// and neither instance has listed her to anyone since
					for (FeedTrace.Sent sent : sentAbout(project, null, removed, Long.MAX_VALUE)) {
						assertThat(online(sent.payload())).as("sent to %s", sent.user()).doesNotContain(carol1);
					}
					assertThat(refusal(apiB, carol, (client) -> client.subscribeUnchecked(presence)))
						.startsWith("SUBSCRIBE to " + presence + " refused");
				}
			}
		}
	}

	private static Api.User on(Api api, Api.User user) {
		return new Api.User(api, user.id(), user.email(), user.password(), user.basic(), user.authorization());
	}

	private static String displayName(Api.User user) {
		return user.get("/api/users/me").expect(200).json().get("displayName").asString();
	}

	/** A project of the owner's with the editor and the viewer in it. */
	private static long sharedProject(Api.User owner, Api.User editor, Api.User viewer) {
		long project = owner.post("/api/projects", Api.body("name", "Launch")).expect(201).json().get("id").asLong();
		owner.post("/api/projects/" + project + "/members", Api.body("email", editor.email(), "role", "EDITOR"))
			.expect(201);
		owner.post("/api/projects/" + project + "/members", Api.body("email", viewer.email(), "role", "VIEWER"))
			.expect(201);
		return project;
	}

	private static JsonNode nextComment(BlockingQueue<JsonNode> frames, String type, long comment)
			throws InterruptedException {
		return StompTestClient.awaitFrame(frames, (frame) -> type.equals(frame.path("type").asString())
				&& frame.path("comment").path("id").asLong() == comment, WAIT);
	}

	private static Predicate<JsonNode> commentAdded(long comment) {
		return (frame) -> "comment-added".equals(frame.path("type").asString())
				&& frame.path("comment").path("id").asLong() == comment;
	}

	private static List<JsonNode> typings(List<JsonNode> frames) {
		return frames.stream().filter((frame) -> "typing".equals(frame.path("type").asString())).toList();
	}

	/** Every frame up to and including the first that satisfies {@code last}. */
	private static List<JsonNode> framesUntil(BlockingQueue<JsonNode> frames, Predicate<JsonNode> last)
			throws InterruptedException {
		return ProjectPresenceFrames.framesUntil(frames, last, WAIT);
	}

	private static <K, V> Map<K, V> concat(Map<K, V> first, Map<K, V> second) {
		Map<K, V> both = new java.util.LinkedHashMap<>(first);
		both.putAll(second);
		return both;
	}

	/**
	 * The ERROR frame's message when a fresh connection of this user sends the frame,
	 * once the server has written CONNECTED (an ERROR frame can be lost while that is
	 * still being flushed, see TaskFeedTests; such an attempt is made again).
	 */
	private static String refusal(Api api, Api.User user, java.util.function.Consumer<StompTestClient> frame)
			throws Exception {
		for (int attempt = 0; attempt < 3; attempt++) {
			try (StompTestClient client = StompTestClient.connect(api.port(), user.authorization())) {
				assertThat(client.subscribe("/app/presence").poll(5, TimeUnit.SECONDS)).isNotNull();
				frame.accept(client);
				String message = client.nextErrorFrame(2000);
				if (message != null) {
					return message;
				}
			}
		}
		throw new AssertionError("no ERROR frame in three attempts");
	}

	/**
	 * Asks until the answer lists exactly these (an instance learns the other's sessions
	 * from its registry broadcast); no answer meanwhile lists anyone else.
	 */
	private static JsonNode awaitAnswer(StompTestClient client, long project, List<Online> expected) throws Exception {
		List<Long> ids = expected.stream().map(Online::id).toList();
		return org.awaitility.Awaitility.await("an answer listing " + expected)
			.atMost(WAIT)
			.pollInterval(java.time.Duration.ofMillis(200))
			.until(() -> answer(client, project), (answer) -> {
				List<Online> listed = online(answer);
				assertThat(listed).extracting(Online::id).isSubsetOf(ids);
				return listed.equals(expected);
			});
	}

	/**
	 * Has each instance send this user a marker on {@code /user/queue/presence}, the way
	 * the presence is sent, and returns every other frame received until both arrived:
	 * all that either instance sent the user before.
	 */
	private static List<JsonNode> throughMarkers(BlockingQueue<JsonNode> frames, Api.User user, String name)
			throws InterruptedException {
		List<String> markers = new ArrayList<>(List.of(name + " from A", name + " from B"));
		instanceA.getBean("brokerMessagingTemplate", SimpMessagingTemplate.class)
			.convertAndSendToUser(user.email(), "/queue/presence", Map.of("marker", markers.get(0)));
		instanceB.getBean("brokerMessagingTemplate", SimpMessagingTemplate.class)
			.convertAndSendToUser(user.email(), "/queue/presence", Map.of("marker", markers.get(1)));
		List<JsonNode> received = framesUntil(frames, (frame) -> {
			markers.remove(frame.path("marker").asString());
			return markers.isEmpty();
		});
		return received.stream().filter((frame) -> !frame.has("marker")).toList();
	}

	/**
	 * The project's presence either instance sent (to this user, or anyone if null) after
	 * {@code after} and up to {@code upTo} on the trace's sequence.
	 */
	private static List<FeedTrace.Sent> sentAbout(long project, Api.User to, long after, long upTo) {
		List<FeedTrace.Sent> sent = new ArrayList<>();
		for (FeedTrace trace : List.of(traceA, traceB)) {
			for (FeedTrace.Sent one : trace.sent) {
				if (one.seq() > after && one.seq() <= upTo && one.destination().equals("/queue/presence")
						&& isAbout(one.payload(), project) && (to == null || one.user().equals(to.email()))) {
					sent.add(one);
				}
			}
		}
		return sent;
	}

	private static Api.User withToken(Api.User user) {
		return user.withToken(user.createToken("relay test"));
	}

	private static long personalProject(Api.User user) {
		for (JsonNode project : user.get("/api/projects").expect(200).json()) {
			if (project.get("personal").asBoolean()) {
				return project.get("id").asLong();
			}
		}
		throw new AssertionError("no personal project");
	}

	/** The next frame of this type (about this project, if given), skipping others. */
	private static JsonNode next(BlockingQueue<JsonNode> frames, String type, Long project)
			throws InterruptedException {
		return StompTestClient.awaitFrame(frames,
				(frame) -> type.equals(frame.path("type").asString())
						&& (project == null || frame.path("project").path("id").asLong() == project),
				Duration.ofSeconds(10));
	}

	/** The next task event of this type about this task, skipping others. */
	private static JsonNode nextAbout(BlockingQueue<JsonNode> frames, String type, long task)
			throws InterruptedException {
		return StompTestClient.awaitFrame(frames,
				(frame) -> type.equals(frame.path("type").asString()) && frame.path("task").path("id").asLong() == task,
				Duration.ofSeconds(10));
	}

	/** Every frame up to and including the {@code created} event of this title. */
	private static List<JsonNode> framesUntilOwnTask(BlockingQueue<JsonNode> frames, String title)
			throws InterruptedException {
		List<JsonNode> received = new java.util.ArrayList<>();
		StompTestClient.awaitFrame(frames, (frame) -> {
			received.add(frame);
			return "created".equals(frame.path("type").asString())
					&& title.equals(frame.path("task").path("title").asString());
		}, Duration.ofSeconds(10));
		return received;
	}

	private static void assertActor(JsonNode event, long id, String displayName) {
		assertThat(event.get("actor").get("id").asLong()).as("actor of %s", event).isEqualTo(id);
		assertThat(event.get("actor").get("displayName").asString()).isEqualTo(displayName);
	}

	private static ConfigurableApplicationContext start(int brokerPort, FeedTrace trace) {
		TestDatabase database = TestDatabase.get();
		return new SpringApplicationBuilder(TaskFeedApplication.class)
			.initializers((context) -> context.getBeanFactory().addBeanPostProcessor(trace))
			.run("--server.port=0", "--spring.datasource.url=" + database.jdbcUrl(),
					"--spring.datasource.username=" + database.username(),
					"--spring.datasource.password=" + database.password(), "--spring.main.banner-mode=off",
					"--taskfeed.relay.host=" + BROKER_HOST, "--taskfeed.relay.port=" + brokerPort,
					"--taskfeed.relay.registry-broadcast-interval=1s", "--taskfeed.feed.credential-check-interval=1s");
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	private static Api.User register(Api api) {
		String email = "relay-" + UUID.randomUUID() + "@example.com";
		return api.register(email, "password-" + email.hashCode(), "Relay " + email.substring(6, 12));
	}

	private static String brokerHealth(Api api) {
		JsonNode health = api.send("GET", "/actuator/health", null, null).json();
		return health.path("components").path("broker").path("status").asString();
	}

	private static JsonNode awaitOverallPresence(BlockingQueue<JsonNode> presence, Predicate<JsonNode> wanted)
			throws InterruptedException {
		return StompTestClient.awaitFrame(presence, wanted, Duration.ofSeconds(10));
	}

	private static boolean brokerAnswers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(BROKER_HOST, BROKER_STOMP_PORT), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * What one instance did, seen from inside it: every message it sent to a user, before
	 * it left for RabbitMQ, numbered on one sequence for both instances; and every SEND
	 * its controllers finished with. With it a test knows which instance sent what, and
	 * when a SEND that leaves no trace on the wire has been dealt with.
	 */
	static final class FeedTrace implements BeanPostProcessor {

		private static final AtomicLong sequence = new AtomicLong();

		final List<Sent> sent = new CopyOnWriteArrayList<>();

		private final List<String> handled = new CopyOnWriteArrayList<>();

		/** A message to {@code /user/{user}{destination}}. */
		record Sent(long seq, String user, String destination, JsonNode payload) {
		}

		static long now() {
			return sequence.get();
		}

		/** How many SENDs to this destination a controller has finished with. */
		int handled(String destination) {
			return (int) this.handled.stream().filter(destination::equals).count();
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String name) {
			if (bean instanceof AbstractMessageChannel channel && "brokerChannel".equals(name)) {
				channel.addInterceptor(new ExecutorChannelInterceptor() {

					@Override
					public Message<?> preSend(Message<?> message, MessageChannel channel) {
						String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
						if (destination != null && destination.startsWith("/user/")
								&& message.getPayload() instanceof byte[] payload) {
							int user = destination.indexOf('/', "/user/".length());
							FeedTrace.this.sent.add(
									new Sent(sequence.incrementAndGet(), destination.substring("/user/".length(), user),
											destination.substring(user), Api.JSON.readTree(payload)));
						}
						return message;
					}

				});
			}
			if (bean instanceof AbstractMessageChannel channel && "clientInboundChannel".equals(name)) {
				channel.addInterceptor(new ExecutorChannelInterceptor() {

					@Override
					public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
							Exception ex) {
						if (handler instanceof SimpAnnotationMethodMessageHandler && SimpMessageType.MESSAGE
							.equals(SimpMessageHeaderAccessor.getMessageType(message.getHeaders()))) {
							FeedTrace.this.handled.add(SimpMessageHeaderAccessor.getDestination(message.getHeaders()));
						}
					}

				});
			}
			return bean;
		}

	}

}
