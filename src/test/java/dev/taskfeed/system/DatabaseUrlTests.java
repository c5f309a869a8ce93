package dev.taskfeed.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatabaseUrlTests {

	@Test
	void herokuUrlBecomesJdbcSettingsWithTlsRequired() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://u8sk:p%40ss:w0rd@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d9x");
		assertThat(url.jdbcUrl())
			.isEqualTo("jdbc:postgresql://ec2-1-2-3-4.compute-1.amazonaws.com:5432/d9x?sslmode=require");
		assertThat(url.username()).isEqualTo("u8sk");
		assertThat(url.password()).isEqualTo("p@ss:w0rd");
	}

	@Test
	void localHostNeedsNoTlsAndDefaultPortIs5432() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://postgres@localhost/taskfeed");
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/taskfeed");
		assertThat(url.password()).isEmpty();
	}

	@Test
	void anExplicitSslModeIsKept() {
		assertThat(DatabaseUrl.parse("postgres://a:b@db.example.com:6432/x?sslmode=verify-full").jdbcUrl())
			.isEqualTo("jdbc:postgresql://db.example.com:6432/x?sslmode=verify-full");
	}

	@Test
	void malformedUrlsAreNamedWithoutLeakingThePassword() {
		for (String bad : new String[] { "mysql://a:secret@h/db", "postgres://a:secret@/db", "postgres://h:5432/db",
				"postgres://a:secret@h:5432", "not a url at all secret", "postgres://a:secret@h:99999/db" }) {
			assertThatIllegalArgumentException().as(bad)
				.isThrownBy(() -> DatabaseUrl.parse(bad))
				.withMessageStartingWith("DATABASE_URL is malformed")
				.withMessageNotContaining("secret");
		}
	}

}
