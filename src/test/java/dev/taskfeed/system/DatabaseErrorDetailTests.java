package dev.taskfeed.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.taskfeed.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The database's errors, as the application sees them, name the error but not the values
 * that caused it, so logging one never logs a user's text.
 */
class DatabaseErrorDetailTests extends IntegrationTest {

	@Autowired
	DataSource dataSource;

	@Test
	void errorsFromTheDatabaseDoNotCarryTheValuesThatCausedThem() throws Exception {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create temporary table error_detail (v text primary key)");
			statement.execute("insert into error_detail values ('Secret-title')");
			SQLException duplicate = catchThrowableOfType(SQLException.class,
					() -> statement.execute("insert into error_detail values ('Secret-title')"));
			assertThat(duplicate.getSQLState()).isEqualTo("23505");
			assertThat(duplicate.getMessage()).contains("duplicate key").doesNotContain("Secret-title");
			try (PreparedStatement batch = connection.prepareStatement("insert into error_detail values (?)")) {
				batch.setString(1, "Secret-comment\0");
				batch.addBatch();
				SQLException refused = catchThrowableOfType(SQLException.class, batch::executeBatch);
				assertThat(refused.getSQLState()).isEqualTo("22021");
				assertThat(refused.getMessage()).doesNotContain("Secret-comment");
			}
			statement.execute("drop table error_detail");
		}
	}

}
