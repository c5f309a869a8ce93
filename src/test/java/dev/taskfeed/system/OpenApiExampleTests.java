package dev.taskfeed.system;

import java.util.ArrayList;
import java.util.List;

import dev.taskfeed.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API description carries an example for everything a Postman import turns into a
 * request.
 */
class OpenApiExampleTests extends IntegrationTest {

	@Test
	void everyOperationParameterBodyAndPropertyHasAnExample() {
		JsonNode docs = this.api.send("GET", "/v3/api-docs", null, null).expect(200).json();
		List<String> missing = new ArrayList<>();
		docs.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((method) -> {
			String operation = method.getKey().toUpperCase() + " " + path.getKey();
			JsonNode op = method.getValue();
			if (op.has("parameters")) {
				op.get("parameters").forEach((parameter) -> {
					if (!hasExample(parameter)) {
						missing.add(operation + " parameter " + parameter.get("name").asString());
					}
				});
			}
			if (op.has("requestBody")) {
				op.get("requestBody").get("content").properties().forEach((media) -> {
					if (!hasExample(media.getValue())) {
						missing.add(operation + " request body " + media.getKey());
					}
				});
			}
			boolean success = false;
			for (var response : op.get("responses").properties()) {
				success |= response.getKey().startsWith("2");
				if (response.getValue().has("content")) {
					response.getValue().get("content").properties().forEach((media) -> {
						if (!hasExample(media.getValue())) {
							missing.add(operation + " response " + response.getKey() + " " + media.getKey());
						}
						if (media.getKey().equals("*/*")) {
							missing.add(operation + " response " + response.getKey() + " says */* instead of JSON");
						}
					});
				}
			}
			assertThat(success).as(operation + " has a success response").isTrue();
		}));
		docs.get("components").get("schemas").properties().forEach((schema) -> {
			if (schema.getValue().has("properties")) {
				schema.getValue().get("properties").properties().forEach((property) -> {
					JsonNode value = property.getValue();
					boolean reference = value.has("$ref") || (value.has("items") && value.get("items").has("$ref"));
					if (!reference && !hasExample(value)) {
						missing.add("schema " + schema.getKey() + "." + property.getKey());
					}
				});
			}
		});
		assertThat(missing).as("parts of the API description without an example").isEmpty();
	}

	@Test
	void examplesTellOneStoryAndStatusesAreTheOnesSent() {
		JsonNode paths = this.api.send("GET", "/v3/api-docs", null, null).expect(200).json().get("paths");
		JsonNode createTask = paths.get("/api/tasks").get("post");
		assertThat(createTask.get("responses").has("201")).isTrue();
		JsonNode body = createTask.get("requestBody").get("content").get("application/json").get("example");
		assertThat(body.get("title").asString()).isEqualTo("Comprar pan");
		assertThat(body.get("dueDate").asString()).isEqualTo("2026-12-01");
		assertThat(body.get("categoryIds").get(0).asInt()).isEqualTo(1);
		JsonNode task = createTask.get("responses").get("201").get("content").get("application/json").get("example");
		assertThat(task.get("categories").get(0).get("color").asString()).isEqualTo("#1e90ff");
		assertThat(task.get("owner").get("email").asString()).isEqualTo("ana@example.com");
		JsonNode patch = paths.get("/api/tasks/{id}").get("patch");
		assertThat(patch.get("parameters").findValuesAsString("example")).contains("\"0\"");
		assertThat(paths.get("/api/tasks/{id}").get("delete").get("responses").has("204")).isTrue();
		assertThat(paths.get("/api/users").get("post").get("responses").has("201")).isTrue();
		assertThat(paths.get("/api/calendar-feeds").get("post").get("responses").has("201")).isTrue();
		JsonNode notFound = paths.get("/api/tasks/{id}").get("get").get("responses").get("404");
		assertThat(notFound.get("content").get("application/problem+json").get("example").get("status").asInt())
			.isEqualTo(404);
	}

	private static boolean hasExample(JsonNode node) {
		return node.has("example") || (node.has("examples") && !node.get("examples").isEmpty());
	}

}
