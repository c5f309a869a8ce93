package dev.taskfeed.user;

import java.util.Map;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class UserApiTests extends IntegrationTest {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void registeredUserReadsItselfWithBasicAuth() {
		Api.Response created = this.api.send("POST", "/api/users", null, Api
			.json(Map.of("email", "Maria.Lopez@Example.com", "password", "s3cret-pass", "displayName", "María")));
		created.expect(201);
		assertThat(created.header("Location")).isEqualTo("/api/users/me");
		JsonNode body = created.json();
		assertThat(body.get("email").asString()).isEqualTo("Maria.Lopez@Example.com");
		assertThat(body.get("displayName").asString()).isEqualTo("María");
		assertThat(body.get("createdAt").asString()).isNotBlank();
		assertThat(body.has("password")).isFalse();
		assertThat(created.body()).doesNotContain("bcrypt").doesNotContain("s3cret");

		Api.User user = new Api.User(this.api, body.get("id").asLong(), "maria.lopez@example.com", "s3cret-pass",
				"Basic " + java.util.Base64.getEncoder()
					.encodeToString("maria.lopez@example.com:s3cret-pass".getBytes()));
		JsonNode me = user.get("/api/users/me").expect(200).json();
		assertThat(me.get("id").asLong()).isEqualTo(body.get("id").asLong());
		assertThat(me.toString()).doesNotContain("bcrypt");
	}

	@Test
	void passwordIsStoredAsBcryptHashOnly() {
		Api.User user = newUser();
		String hash = this.jdbc.queryForObject("select password_hash from users where id = ?", String.class, user.id());
		assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(user.password());
	}

	@Test
	void emailIsUniqueIgnoringCase() {
		Api.User user = newUser();
		JsonNode problem = this.api
			.send("POST", "/api/users", null,
					Api.json(Map.of("email", user.email().toUpperCase(), "password", "another-pass", "displayName",
							"X")))
			.problem(409);
		assertThat(problem.get("detail").asString()).contains("already exists");
	}

	@Test
	void invalidRegistrationNamesEveryBadField() {
		JsonNode problem = this.api
			.send("POST", "/api/users", null,
					Api.json(Map.of("email", "not-an-email", "password", "short", "displayName", " ")))
			.problem(400);
		assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("displayName", "email",
				"password");
	}

	@Test
	void aDisplayNameCountsCharactersAndTheMessageStatesTheRealBounds() {
		String emoji = "\uD83D\uDE00";
		String email = "emoji-" + java.util.UUID.randomUUID() + "@example.com";
		JsonNode problem = this.api
			.send("POST", "/api/users", null,
					Api.json(Map.of("email", email, "password", "password-1", "displayName", emoji.repeat(81))))
			.problem(400);
		assertThat(problem.get("errors").get(0).get("message").asString())
			.isEqualTo("must be between 1 and 80 characters long");
		assertThat(this.jdbc.queryForObject("select count(*) from users where email = ?", Integer.class, email))
			.isZero();
		this.api
			.send("POST", "/api/users", null,
					Api.json(Map.of("email", email, "password", "password-1", "displayName", emoji.repeat(80))))
			.expect(201);
	}

	@Test
	void passwordLongerThan72BytesIsRefusedEvenWhenShortInCharacters() {
		String password = "ñ".repeat(40); // 40 characters, 80 bytes
		JsonNode problem = this.api
			.send("POST", "/api/users", null, Api.json(Map.of("email", "long-" + System.nanoTime() + "@example.com",
					"password", password, "displayName", "Long")))
			.problem(400);
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("password");
		assertThat(problem.get("errors").get(0).get("message").asString()).contains("bytes");
	}

	@Test
	void aPasswordWithAControlCharacterIsRefusedAndNoAccountIsMade() {
		for (String password : new String[] { "pass\u0000word1", "pass\u0001word1", "password\n1", "pass\tword1",
				"pass\u007fword1", "pass\u0085word1" }) {
			String email = "control-" + java.util.UUID.randomUUID() + "@example.com";
			JsonNode problem = this.api
				.send("POST", "/api/users", null,
						Api.json(Map.of("email", email, "password", password, "displayName", "Control")))
				.problem(400);
			assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("password");
			assertThat(problem.get("errors").get(0).get("message").asString()).contains("control characters");
			assertThat(this.jdbc.queryForObject("select count(*) from users where email = ?", Integer.class, email))
				.isZero();
		}
	}

	@Test
	void missingOrWrongCredentialsAre401WithChallengeAndNoRedirect() {
		Api.Response anonymous = this.api.send("GET", "/api/users/me", null, null);
		anonymous.problem(401);
		assertThat(anonymous.raw().headers().allValues("WWW-Authenticate")).anyMatch((v) -> v.startsWith("Basic"))
			.anyMatch((v) -> v.startsWith("Bearer"));
		assertThat(anonymous.header("Location")).isNull();

		Api.User user = newUser();
		String wrong = "Basic "
				+ java.util.Base64.getEncoder().encodeToString((user.email() + ":nope-nope").getBytes());
		this.api.send("GET", "/api/users/me", wrong, null).problem(401);
	}

}
