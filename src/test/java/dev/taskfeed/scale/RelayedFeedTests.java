package dev.taskfeed.scale;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.taskfeed.TaskFeedApplication;
import dev.taskfeed.support.Api;
import dev.taskfeed.support.PageSession;
import dev.taskfeed.support.StompTestClient;
import dev.taskfeed.support.TcpProxy;
import dev.taskfeed.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two TaskFeed instances on one PostgreSQL and the machine's RabbitMQ (STOMP plugin on
 * 61613): the feed and presence cross instances. Instance A reaches RabbitMQ through a
 * proxy the test can cut, to play a broker outage. Skipped only when no broker answers
 * and {@code CI} is unset.
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
		instanceA = start(brokerForA.port());
		instanceB = start(BROKER_STOMP_PORT);
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
			// nothing reached the stranger, on either instance, before a change of their
			// own
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

		// the page's live feed connects to B with the cookie and the CSRF token A's page
		// gave
		try (StompTestClient pageOnB = StompTestClient.connectAsPage(apiB.port(), onA)) {
			BlockingQueue<JsonNode> events = pageOnB.subscribeWithReceipt("/user/queue/tasks");
			user.createTask("Made through A");
			assertThat(events.poll(1, TimeUnit.SECONDS).get("task").get("title").asString())
				.isEqualTo("Made through A");

			// signing out on A signs the browser out on B as well, and B's check closes
			// its feed
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
			JsonNode before = awaitPresence(presence, (counts) -> true);
			int users = before.get("users").asInt();
			int sessions = before.get("sessions").asInt();
			try (StompTestClient ownerOnA = StompTestClient.connect(apiA.port(), owner.basic());
					StompTestClient ownerOnB = StompTestClient.connect(apiB.port(), owner.basic());
					StompTestClient otherOnB = StompTestClient.connect(apiB.port(), other.basic())) {
				ownerOnB.subscribeWithReceipt("/topic/presence");
				otherOnB.subscribeWithReceipt("/topic/presence");
				// two more users; three more sessions, two of them on B
				awaitPresence(presence, (counts) -> counts.get("users").asInt() == users + 2
						&& counts.get("sessions").asInt() == sessions + 3);
				ownerOnB.close();
				awaitPresence(presence, (counts) -> counts.get("users").asInt() == users + 2
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
			// a client that reconnects catches up from the REST list, then follows the
			// feed
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

			// Ana removes Bob, and changes the task right after: the removal clears Bob
			// as
			// its assignee and says so to those still in the project; Bob hears only that
			// he left
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

			// Bob, since his removal, and Dave, all along, got nothing but their own
			// change made through A last
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

	private static ConfigurableApplicationContext start(int brokerPort) {
		TestDatabase database = TestDatabase.get();
		return new SpringApplicationBuilder(TaskFeedApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
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

	private static JsonNode awaitPresence(BlockingQueue<JsonNode> presence, Predicate<JsonNode> wanted)
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

}
