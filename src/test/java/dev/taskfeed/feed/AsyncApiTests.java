package dev.taskfeed.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Pattern;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.StompTestClient;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import static dev.taskfeed.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI description at /asyncapi.yaml tells the truth: real frames of every kind
 * match the payload schemas it publishes, and so do its own examples.
 */
class AsyncApiTests extends IntegrationTest {

	@Test
	void publishedPayloadSchemasMatchRealFrames() throws Exception {
		JsonNode document = published();
		Api.User owner = newUser();
		long category = owner.createCategory("Casa");
		try (StompTestClient client = StompTestClient.connect(this.port, owner.basic())) {
			BlockingQueue<JsonNode> presenceNow = client.subscribe("/app/presence");
			assertMatches(document, "presenceNow", "presence",
					StompTestClient.awaitFrame(presenceNow, (frame) -> true, Duration.ofSeconds(5)));

			BlockingQueue<JsonNode> events = client.subscribe("/user/queue/tasks");
			long id = owner
				.post("/api/tasks",
						body("title", "Comprar pan", "description", "Integral", "dueDate", "2026-12-01", "categoryIds",
								List.of(category)))
				.expect(201)
				.json()
				.get("id")
				.asLong();
			assertMatches(document, "tasks", "created", next(events, "created"));
			owner.patch("/api/tasks/" + id, body("dueDate", null, "description", null, "categoryIds", List.of()))
				.expect(200);
			assertMatches(document, "tasks", "updated", next(events, "updated"));
			owner.delete("/api/tasks/" + id).expect(204);
			assertMatches(document, "tasks", "deleted", next(events, "deleted"));
			owner.post("/api/tasks/" + id + "/restore", null).expect(200);
			assertMatches(document, "tasks", "restored", next(events, "restored"));
		}
	}

	@Test
	void publishedExamplesMatchTheirSchemasAndWrongPayloadsDoNot() {
		JsonNode document = published();
		document.get("channels")
			.properties()
			.forEach((channel) -> channel.getValue().get("messages").properties().forEach((message) -> {
				JsonNode resolved = resolve(document, message.getValue());
				assertThat(resolved.get("examples")).as(message.getKey() + " has examples").isNotEmpty();
				resolved.get("examples")
					.forEach((example) -> assertMatches(document, channel.getKey(), message.getKey(),
							example.get("payload")));
			}));
		// the check itself bites: a frame of the wrong type,
		// or missing a property, is refused
		JsonNode created = resolve(document, document.get("components").get("messages").get("taskCreated"))
			.get("examples")
			.get(0)
			.get("payload");
		JsonNode wrongType = Api.JSON.readTree(created.toString().replace("\"created\"", "\"updated\""));
		assertThat(problems(document, payload(document, "tasks", "created"), wrongType)).isNotEmpty();
		JsonNode noVersion = Api.JSON.readTree(created.toString().replace("\"version\":0,", ""));
		assertThat(problems(document, payload(document, "tasks", "created"), noVersion)).isNotEmpty();
		assertThat(this.api.send("GET", "/asyncapi.yaml", null, null).raw().headers().allValues("Set-Cookie"))
			.isEmpty();
	}

	private JsonNode published() {
		Api.Response response = this.api.send("GET", "/asyncapi.yaml", null, null).expect(200);
		assertThat(response.header("Content-Type")).startsWith("application/yaml");
		Map<String, Object> yaml = new Yaml().load(response.body());
		JsonNode document = Api.JSON.valueToTree(yaml);
		assertThat(document.get("asyncapi").asString()).startsWith("3.");
		assertThat(document.get("servers").get("local").get("pathname").asString()).isEqualTo("/ws");
		assertThat(document.get("channels").get("tasks").get("address").asString()).isEqualTo("/user/queue/tasks");
		return document;
	}

	private static JsonNode next(BlockingQueue<JsonNode> events, String type) throws InterruptedException {
		return StompTestClient.awaitFrame(events, (frame) -> type.equals(frame.path("type").asString()),
				Duration.ofSeconds(5));
	}

	private static void assertMatches(JsonNode document, String channel, String message, JsonNode frame) {
		assertThat(problems(document, payload(document, channel, message), frame))
			.as("%s frame on %s against the published schema: %s", message, channel, frame)
			.isEmpty();
	}

	private static JsonNode payload(JsonNode document, String channel, String message) {
		JsonNode resolved = resolve(document, document.get("channels").get(channel).get("messages").get(message));
		return resolved.get("payload");
	}

	private static List<String> problems(JsonNode document, JsonNode schema, JsonNode value) {
		List<String> problems = new ArrayList<>();
		new SchemaCheck(document, problems).check(schema, value, "$");
		return problems;
	}

	private static JsonNode resolve(JsonNode document, JsonNode node) {
		while (node.has("$ref")) {
			JsonNode target = document;
			for (String part : node.get("$ref").asString().substring(2).split("/")) {
				target = target.get(part);
			}
			node = target;
		}
		return node;
	}

	/**
	 * The part of JSON Schema the document uses: $ref, allOf, type (with null), const,
	 * enum, required, properties, additionalProperties: false, items, minimum, minLength,
	 * maxLength, pattern, and the date and date-time formats.
	 */
	private record SchemaCheck(JsonNode document, List<String> problems) {

		private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

		void check(JsonNode schema, JsonNode value, String at) {
			schema = resolve(this.document, schema);
			if (schema.has("allOf")) {
				schema.get("allOf").forEach((part) -> check(part, value, at));
			}
			if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
				this.problems.add(at + ": " + value + " is not of type " + schema.get("type"));
				return;
			}
			if (schema.has("const") && !schema.get("const").equals(value)) {
				this.problems.add(at + ": " + value + " is not " + schema.get("const"));
			}
			if (schema.has("enum") && !contains(schema.get("enum"), value)) {
				this.problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
			}
			if (value.isObject()) {
				checkObject(schema, value, at);
			}
			if (value.isArray() && schema.has("items")) {
				for (int i = 0; i < value.size(); i++) {
					check(schema.get("items"), value.get(i), at + "[" + i + "]");
				}
			}
			if (value.isNumber() && schema.has("minimum") && value.asLong() < schema.get("minimum").asLong()) {
				this.problems.add(at + ": " + value + " is below " + schema.get("minimum"));
			}
			if (value.isString()) {
				checkString(schema, value.asString(), at);
			}
		}

		private void checkObject(JsonNode schema, JsonNode value, String at) {
			if (schema.has("required")) {
				schema.get("required").forEach((name) -> {
					if (!value.has(name.asString())) {
						this.problems.add(at + ": " + name.asString() + " is missing");
					}
				});
			}
			JsonNode properties = schema.path("properties");
			value.properties().forEach((property) -> {
				if (properties.has(property.getKey())) {
					check(properties.get(property.getKey()), property.getValue(), at + "." + property.getKey());
				}
				else if (schema.has("additionalProperties") && !schema.get("additionalProperties").asBoolean()) {
					this.problems.add(at + ": " + property.getKey() + " is not described");
				}
			});
		}

		private void checkString(JsonNode schema, String text, String at) {
			if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
				this.problems.add(at + ": shorter than " + schema.get("minLength"));
			}
			if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
				this.problems.add(at + ": longer than " + schema.get("maxLength"));
			}
			if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asString()).matcher(text).find()) {
				this.problems.add(at + ": " + text + " does not match " + schema.get("pattern"));
			}
			String format = schema.path("format").asString("");
			try {
				switch (format) {
					case "date" -> LocalDate.parse(text);
					case "date-time" -> Instant.parse(text);
					case "email" -> {
						if (!EMAIL.matcher(text).matches()) {
							this.problems.add(at + ": " + text + " is not an email address");
						}
					}
					default -> {
					}
				}
			}
			catch (RuntimeException ex) {
				this.problems.add(at + ": " + text + " is not a " + format);
			}
		}

		private static boolean typeMatches(JsonNode type, JsonNode value) {
			if (type.isArray()) {
				for (JsonNode one : type) {
					if (typeMatches(one, value)) {
						return true;
					}
				}
				return false;
			}
			return switch (type.asString()) {
				case "object" -> value.isObject();
				case "array" -> value.isArray();
				case "string" -> value.isString();
				case "integer" -> value.isIntegralNumber();
				case "number" -> value.isNumber();
				case "boolean" -> value.isBoolean();
				case "null" -> value.isNull();
				default -> false;
			};
		}

		private static boolean contains(JsonNode values, JsonNode value) {
			for (JsonNode one : values) {
				if (one.equals(value)) {
					return true;
				}
			}
			return false;
		}

	}

}
