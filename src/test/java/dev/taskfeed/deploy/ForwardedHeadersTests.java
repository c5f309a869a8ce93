package dev.taskfeed.deploy;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Behind Heroku's router, which ends TLS and says so in X-Forwarded-Proto. */
class ForwardedHeadersTests extends IntegrationTest {

	@Test
	void redirectsAndSessionCookiesFollowTheRoutersHttps() {
		Api.Response response = this.api.send("GET", "/tasks", null, null, "X-Forwarded-Proto", "https",
				"X-Forwarded-Port", "443", "X-Forwarded-For", "203.0.113.7");
		assertThat(response.status()).isEqualTo(302);
		assertThat(response.header("Location")).startsWith("https://localhost/login");
		assertThat(response.header("Set-Cookie")).contains("SESSION").contains("Secure").contains("HttpOnly");
	}

	@Test
	void plainHttpStaysPlain() {
		Api.Response response = this.api.send("GET", "/tasks", null, null);
		assertThat(response.status()).isEqualTo(302);
		assertThat(response.header("Location")).startsWith("http://localhost:" + this.port + "/login");
		assertThat(response.header("Set-Cookie")).doesNotContain("Secure");
	}

}
