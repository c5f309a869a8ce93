package dev.taskfeed.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a project's presence as a client sees it: the answer to a SUBSCRIBE to
 * {@code /app/projects/{id}/presence} and the updates on {@code /user/queue/presence}.
 */
public final class ProjectPresenceFrames {

	private ProjectPresenceFrames() {
	}

	/** Someone online in a project's presence. */
	public record Online(long id, String displayName, int sessions) {
	}

	/** In the order the server lists them: by display name, then id. */
	public static List<Online> sorted(Online... online) {
		return Arrays.stream(online)
			.sorted(Comparator.comparing((Online o) -> o.displayName().toLowerCase()).thenComparing(Online::id))
			.toList();
	}

	/**
	 * Who a presence frame lists, each entry checked to carry exactly its three fields.
	 */
	public static List<Online> online(JsonNode presence) {
		List<Online> online = new ArrayList<>();
		for (JsonNode member : presence.get("online")) {
			assertThat(member.propertyNames()).containsExactlyInAnyOrder("id", "displayName", "sessions");
			online.add(new Online(member.get("id").asLong(), member.get("displayName").asString(),
					member.get("sessions").asInt()));
		}
		return online;
	}

	public static boolean isAbout(JsonNode presence, long project) {
		return presence.path("projectId").asLong() == project;
	}

	/** The answer to a SUBSCRIBE to the project's presence. */
	public static JsonNode answer(StompTestClient client, long project) throws Exception {
		JsonNode answer = client.subscribe("/app/projects/" + project + "/presence").poll(5, TimeUnit.SECONDS);
		assertThat(answer).as("the answer to a SUBSCRIBE to project %s's presence", project).isNotNull();
		assertThat(answer.propertyNames()).containsExactlyInAnyOrder("projectId", "online");
		assertThat(answer.get("projectId").asLong()).isEqualTo(project);
		return answer;
	}

	/** The first update about the project that lists exactly these. */
	public static JsonNode awaitPresence(BlockingQueue<JsonNode> frames, long project, List<Online> expected,
			Duration wait) throws InterruptedException {
		return StompTestClient.awaitFrame(frames, (frame) -> isAbout(frame, project) && online(frame).equals(expected),
				wait);
	}

	/** Every frame up to and including the first that satisfies {@code last}. */
	public static List<JsonNode> framesUntil(BlockingQueue<JsonNode> frames, Predicate<JsonNode> last, Duration wait)
			throws InterruptedException {
		List<JsonNode> received = new ArrayList<>();
		StompTestClient.awaitFrame(frames, (frame) -> {
			received.add(frame);
			return last.test(frame);
		}, wait);
		return received;
	}

}
