package dev.taskfeed.system;

import dev.taskfeed.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTests extends IntegrationTest {

	@Test
	void describesEveryEndpointWithAuthenticationAndProblems() {
		JsonNode docs = this.api.send("GET", "/v3/api-docs", null, null).expect(200).json();
		JsonNode paths = docs.get("paths");
		assertThat(paths.propertyNames()).contains("/api/users", "/api/users/me", "/api/tokens", "/api/tokens/{id}",
				"/api/categories", "/api/categories/{id}", "/api/tasks", "/api/tasks/{id}", "/api/tasks/trash",
				"/api/tasks/{id}/restore", "/api/tasks/{id}/categories/{categoryId}");
		assertThat(docs.get("components").get("securitySchemes").propertyNames()).contains("basicAuth", "bearerAuth");
		JsonNode patch = paths.get("/api/tasks/{id}").get("patch").get("responses");
		assertThat(patch.propertyNames()).contains("200", "400", "401", "404", "412");
		assertThat(patch.get("412").get("content").has("application/problem+json")).isTrue();
		// lengths in characters, with their real bounds
		JsonNode title = docs.get("components").get("schemas").get("CreateTaskRequest").get("properties").get("title");
		assertThat(title.get("minLength").asInt()).isEqualTo(1);
		assertThat(title.get("maxLength").asInt()).isEqualTo(200);
		JsonNode description = docs.get("components")
			.get("schemas")
			.get("UpdateTaskRequest")
			.get("properties")
			.get("description");
		assertThat(description.get("maxLength").asInt()).isEqualTo(10000);
		assertThat(docs.get("components")
			.get("schemas")
			.get("CommentRequest")
			.get("properties")
			.get("body")
			.get("maxLength")
			.asInt()).isEqualTo(4000);
		// registration needs no credentials
		assertThat(paths.get("/api/users").get("post").get("security")).isEmpty();
		this.api.send("GET", "/swagger-ui/index.html", null, null).expect(200);
		// health is public, the other actuator endpoints are not exposed
		assertThat(this.api.send("GET", "/actuator/health", null, null).expect(200).body()).contains("UP");
		assertThat(this.api.send("GET", "/actuator/env", null, null).status()).isIn(302, 401, 404);
	}

}
