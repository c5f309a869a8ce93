package dev.taskfeed.user;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class TokenApiTests extends IntegrationTest {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void tokenIsShownOnceStoredHashedAndAuthenticates() {
		Api.User user = newPasswordOnlyUser();
		Api.Response created = user.post("/api/tokens", java.util.Map.of("name", "laptop script")).expect(201);
		JsonNode token = created.json();
		String secret = token.get("token").asString();
		assertThat(secret).startsWith("tf_").hasSizeGreaterThan(40);
		assertThat(created.header("Location")).isEqualTo("/api/tokens/" + token.get("id").asLong());

		String stored = this.jdbc.queryForObject("select token_hash from api_tokens where id = ?", String.class,
				token.get("id").asLong());
		assertThat(stored).isEqualTo(ApiTokenService.hash(secret)).doesNotContain(secret);

		JsonNode me = this.api.send("GET", "/api/users/me", "Bearer " + secret, null).expect(200).json();
		assertThat(me.get("email").asString()).isEqualTo(user.email());

		Api.Response listed = user.get("/api/tokens").expect(200);
		assertThat(listed.json().get(0).get("name").asString()).isEqualTo("laptop script");
		assertThat(listed.json().get(0).has("token")).isFalse();
		assertThat(listed.json().get(0).get("lastUsedAt").isNull()).isFalse();
		assertThat(listed.body()).doesNotContain(secret).doesNotContain(stored);
	}

	@Test
	void revokedOrUnknownTokensAre401() {
		Api.User user = newPasswordOnlyUser();
		String secret = user.createToken("ci");
		long id = user.get("/api/tokens").json().get(0).get("id").asLong();
		// used first, so the token is remembered: revoking must forget it at once
		this.api.send("GET", "/api/users/me", "Bearer " + secret, null).expect(200);
		user.delete("/api/tokens/" + id).expect(204);
		this.api.send("GET", "/api/users/me", "Bearer " + secret, null).problem(401);
		this.api.send("GET", "/api/users/me", "Bearer tf_not-a-real-token", null).problem(401);
		this.api.send("GET", "/api/users/me", "Bearer garbage", null).problem(401);
	}

	@Test
	void anotherUsersTokenCannotBeRevoked() {
		Api.User owner = newPasswordOnlyUser();
		owner.createToken("mine");
		long id = owner.get("/api/tokens").json().get(0).get("id").asLong();
		newPasswordOnlyUser().delete("/api/tokens/" + id).problem(404);
		assertThat(owner.get("/api/tokens").json().size()).isEqualTo(1);
	}

	@Test
	void tokenNeedsAName() {
		JsonNode problem = newPasswordOnlyUser().post("/api/tokens", java.util.Map.of("name", "")).problem(400);
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("name");
	}

}
