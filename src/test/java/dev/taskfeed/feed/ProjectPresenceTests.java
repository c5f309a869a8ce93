package dev.taskfeed.feed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.ProjectPresenceFrames;
import dev.taskfeed.support.ProjectPresenceFrames.Online;
import dev.taskfeed.support.StompTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.taskfeed.support.ProjectPresenceFrames.answer;
import static dev.taskfeed.support.ProjectPresenceFrames.awaitPresence;
import static dev.taskfeed.support.ProjectPresenceFrames.isAbout;
import static dev.taskfeed.support.ProjectPresenceFrames.online;
import static dev.taskfeed.support.ProjectPresenceFrames.sorted;
import static dev.taskfeed.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who of a shared project is online, on one instance: a member's SUBSCRIBE to
 * {@code /app/projects/{id}/presence} is answered at once with exactly the members online
 * and their sessions; {@code /user/queue/presence} follows every change; a member removed
 * drops out at once and hears no more of it; nobody else may ask.
 */
class ProjectPresenceTests extends IntegrationTest {

	private static final String PRESENCE = "/user/queue/presence";

	private static final Duration WAIT = Duration.ofSeconds(5);

	@Test
	void membersAreAnsweredWithExactlyTheMembersOnlineAndTheirSessionsAndFollowEveryChange() throws Exception {
		Api.User ana = newUser();
		Api.User bob = newUser();
		Api.User carol = newUser();
		Api.User dave = newUser();
		long project = share(ana, bob, carol);
		Online ana2 = member(ana, 2);
		Online bob1 = member(bob, 1);
		Online carol1 = member(carol, 1);
		try (StompTestClient anasFirst = StompTestClient.connect(this.port, ana.authorization())) {
			BlockingQueue<JsonNode> anas = anasFirst.subscribe(PRESENCE);
			try (StompTestClient anasSecond = StompTestClient.connect(this.port, ana.authorization());
					StompTestClient bobs = StompTestClient.connect(this.port, bob.authorization());
					StompTestClient daves = StompTestClient.connect(this.port, dave.authorization())) {
				// Ana twice and Bob once; Carol is offline, Dave is online but no member
				List<Online> anaAndBob = sorted(ana2, bob1);
				assertThat(online(answer(anasFirst, project))).isEqualTo(anaAndBob);
				assertThat(online(answer(anasSecond, project))).isEqualTo(anaAndBob);
				assertThat(online(answer(bobs, project))).isEqualTo(anaAndBob);
				awaitPresence(anas, project, anaAndBob, WAIT);

				try (StompTestClient carols = StompTestClient.connect(this.port, carol.authorization())) {
					awaitPresence(anas, project, sorted(ana2, bob1, carol1), WAIT);
					bobs.close();
					awaitPresence(anas, project, sorted(ana2, carol1), WAIT);
					anasSecond.close();
					List<Online> anaAndCarol = sorted(member(ana, 1), carol1);
					awaitPresence(anas, project, anaAndCarol, WAIT);
					assertThat(online(answer(anasFirst, project))).isEqualTo(anaAndCarol);
					assertThat(online(answer(carols, project))).isEqualTo(anaAndCarol);
				}
			}
		}
	}

	@Test
	void aRemovedMemberDropsOutAtOnceAndHearsNoMoreOfTheProject() throws Exception {
		Api.User ana = newUser();
		Api.User bob = newUser();
		Api.User carol = newUser();
		Api.User erin = newUser();
		long project = share(ana, bob, carol);
		// Carol's own project with Erin: its presence is the marker Carol waits for
		long carolsProject = carol.post("/api/projects", body("name", "Carol's")).expect(201).json().get("id").asLong();
		carol.post("/api/projects/" + carolsProject + "/members", body("email", erin.email(), "role", "EDITOR"))
			.expect(201);
		try (StompTestClient carols = StompTestClient.connect(this.port, carol.authorization())) {
			BlockingQueue<JsonNode> carolHears = carols.subscribe(PRESENCE);
			try (StompTestClient anas = StompTestClient.connect(this.port, ana.authorization())) {
				BlockingQueue<JsonNode> anaHears = anas.subscribe(PRESENCE);
				try (StompTestClient bobs = StompTestClient.connect(this.port, bob.authorization())) {
					List<Online> everyone = sorted(member(ana, 1), member(bob, 1), member(carol, 1));
					awaitPresence(anaHears, project, everyone, WAIT);
					awaitPresence(carolHears, project, everyone, WAIT);

					ana.delete("/api/projects/" + project + "/members/" + carol.id()).expect(204);
					// the very next presence Ana gets lists Carol no more,
					// though she is still online
					JsonNode next = anaHears.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
					assertThat(next).as("Ana's presence after the removal").isNotNull();
					assertThat(next.get("projectId").asLong()).isEqualTo(project);
					assertThat(online(next)).isEqualTo(sorted(member(ana, 1), member(bob, 1)));
					assertThat(online(answer(anas, project))).isEqualTo(sorted(member(ana, 1), member(bob, 1)));

					// Carol: until the presence of her own project shows Erin online,
					// sent after the removal, she hears nothing of the project she left
					try (StompTestClient erins = StompTestClient.connect(this.port, erin.authorization())) {
						Online erin1 = member(erin, 1);
						List<JsonNode> carolGot = framesUntil(carolHears,
								(frame) -> isAbout(frame, carolsProject) && online(frame).contains(erin1));
						assertThat(carolGot).as("what Carol heard since: %s", carolGot)
							.noneMatch((frame) -> isAbout(frame, project));
					}
					assertThat(refusal(carol, (client) -> client.subscribeUnchecked(presenceOf(project))))
						.startsWith("SUBSCRIBE to " + presenceOf(project) + " refused");
				}
			}
		}
	}

	@Test
	void nobodyButAMemberMayAskForAProjectsPresence() throws Exception {
		Api.User ana = newUser();
		Api.User dave = newUser();
		long project = share(ana);
		assertThat(refusal(dave, (client) -> client.subscribeUnchecked(presenceOf(project))))
			.startsWith("SUBSCRIBE to " + presenceOf(project) + " refused");
		assertThat(refusal(dave, (client) -> client.subscribeUnchecked(presenceOf(Long.MAX_VALUE))))
			.startsWith("SUBSCRIBE to " + presenceOf(Long.MAX_VALUE) + " refused");
		assertThat(refusal(ana, (client) -> client.subscribeUnchecked("/app/projects/" + project + "x/presence")))
			.startsWith("SUBSCRIBE to /app/projects/" + project + "x/presence refused");
		// Ana, its member, may
		try (StompTestClient anas = StompTestClient.connect(this.port, ana.authorization())) {
			assertThat(online(answer(anas, project))).containsExactly(member(ana, 1));
		}
	}

	/** A project of the owner's with an editor and a viewer, as given. */
	private static long share(Api.User owner, Api.User... editorAndViewer) {
		long project = owner.post("/api/projects", body("name", "Familia")).expect(201).json().get("id").asLong();
		String[] roles = { "EDITOR", "VIEWER" };
		for (int i = 0; i < editorAndViewer.length; i++) {
			owner
				.post("/api/projects/" + project + "/members",
						body("email", editorAndViewer[i].email(), "role", roles[i]))
				.expect(201);
		}
		return project;
	}

	private static String presenceOf(long project) {
		return "/app/projects/" + project + "/presence";
	}

	private static Online member(Api.User user, int sessions) {
		return new Online(user.id(), user.get("/api/users/me").expect(200).json().get("displayName").asString(),
				sessions);
	}

	/**
	 * The ERROR frame's message when a fresh connection of this user sends the frame,
	 * once the server has written CONNECTED (an ERROR frame can be lost while that is
	 * still being flushed, see TaskFeedTests; such an attempt is made again).
	 */
	private String refusal(Api.User user, Consumer<StompTestClient> frame) throws Exception {
		for (int attempt = 0; attempt < 3; attempt++) {
			try (StompTestClient client = StompTestClient.connect(this.port, user.authorization())) {
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

	/** Every frame up to and including the first that satisfies {@code last}. */
	private static List<JsonNode> framesUntil(BlockingQueue<JsonNode> frames, Predicate<JsonNode> last)
			throws InterruptedException {
		return ProjectPresenceFrames.framesUntil(frames, last, WAIT);
	}

}
