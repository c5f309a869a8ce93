package dev.taskfeed.scale;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
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
