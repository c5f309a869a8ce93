package dev.taskfeed.system;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.taskfeed.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The move to shared projects (V6) on a database that held TaskFeed's data the way it was
 * before projects: a fresh database of its own on the tests' PostgreSQL, migrated to V5
 * by Flyway from the app's own migrations, filled, then migrated to the latest version.
 * Nothing a user had is lost or changes hands: every user gets one personal project,
 * their tasks and categories land in it as they were. Plain JDBC, no server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectMigrationTests {

	/** The tables V1..V5 made, all of which must keep their rows. */
	private static final List<String> TABLES = List.of("users", "api_tokens", "categories", "tasks", "task_categories",
			"calendar_feeds", "http_session", "http_session_attributes", "sign_in_throttle");

	private final String database = "migration_" + UUID.randomUUID().toString().replace("-", "");

	private String url;

	private Connection connection;

	private final Map<String, Long> countsBefore = new LinkedHashMap<>();

	private List<Map<String, Object>> usersBefore;

	private List<Map<String, Object>> tasksBefore;

	private List<Map<String, Object>> categoriesBefore;

	private List<Map<String, Object>> linksBefore;

	private List<Map<String, Object>> tokensBefore;

	private List<Map<String, Object>> calendarFeedsBefore;

	private List<Map<String, Object>> sessionsBefore;

	private List<Map<String, Object>> sessionAttributesBefore;

	private List<Map<String, Object>> throttleBefore;

	@BeforeAll
	void migrateADatabaseThatHeldDataBeforeProjects() throws SQLException {
		TestDatabase test = TestDatabase.get();
		try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
			statement.execute("create database " + this.database);
		}
		URI server = URI.create(test.jdbcUrl().substring("jdbc:".length()));
		this.url = "jdbc:postgresql://" + server.getRawAuthority() + "/" + this.database
				+ ((server.getRawQuery() != null) ? "?" + server.getRawQuery() : "");

		flyway("5").migrate();
		assertThat(flyway("5").info().current().getVersion().getVersion()).isEqualTo("5");

		this.connection = DriverManager.getConnection(this.url, test.username(), test.password());
		insertDataAsTaskFeedHeldItBeforeProjects();
		for (String table : TABLES) {
			this.countsBefore.put(table, count(table));
		}
		this.usersBefore = rows("select * from users order by id");
		this.tasksBefore = rows("""
				select id, owner_id, title, description, status, due_date, created_at, updated_at, deleted_at, version
				from tasks order by id""");
		this.categoriesBefore = rows("select * from categories order by id");
		this.linksBefore = rows("select * from task_categories order by task_id, category_id");
		this.tokensBefore = rows("select * from api_tokens order by id");
		this.calendarFeedsBefore = rows("select * from calendar_feeds order by id");
		this.sessionsBefore = rows("select * from http_session order by primary_id");
		this.sessionAttributesBefore = rows(
				"select * from http_session_attributes order by session_primary_id, attribute_name");
		this.throttleBefore = rows("select * from sign_in_throttle order by throttle_key");

		flyway(null).migrate();
	}

	@AfterAll
	void dropTheDatabase() throws SQLException {
		if (this.connection != null) {
			this.connection.close();
		}
		try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
			statement.execute("drop database if exists " + this.database + " with (force)");
		}
	}

	@Test
	void theDatabaseIsAtTheLatestVersionWithNothingPending() {
		Flyway flyway = flyway(null);
		assertThat(flyway.info().pending()).isEmpty();
		assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo(latestVersion(flyway));
		assertThat(Integer.parseInt(flyway.info().current().getVersion().getVersion())).isGreaterThanOrEqualTo(6);
	}

	@Test
	void everyTableKeepsItsRows() throws SQLException {
		for (String table : TABLES) {
			assertThat(count(table)).as(table).isEqualTo(this.countsBefore.get(table));
		}
		// the users are those there were, as they were
		assertThat(rows("select * from users order by id")).isEqualTo(this.usersBefore);
	}

	@Test
	void everyUserHasExactlyOnePersonalProjectOwnedByThemAlone() throws SQLException {
		assertThat(count("projects")).isEqualTo(this.usersBefore.size());
		for (Map<String, Object> user : this.usersBefore) {
			long userId = (Long) user.get("id");
			List<Map<String, Object>> personal = rows(
					"select id, name, personal, created_at from projects where personal_user_id = " + userId);
			assertThat(personal).as("personal projects of user %s", userId).hasSize(1);
			assertThat(personal.get(0).get("name")).isEqualTo("Personal");
			assertThat(personal.get(0).get("personal")).isEqualTo(true);
			assertThat(personal.get(0).get("created_at")).isEqualTo(user.get("created_at"));
			long projectId = (Long) personal.get(0).get("id");
			assertThat(rows("select user_id, role from project_members where project_id = " + projectId))
				.as("members of user %s's personal project", userId)
				.containsExactly(row("user_id", userId, "role", "OWNER"));
			assertThat(rows("select project_id from project_members where user_id = " + userId))
				.as("projects user %s is a member of", userId)
				.containsExactly(row("project_id", projectId));
		}
		// there is no project that is not someone's personal one
		assertThat(count("projects where personal_user_id is null or not personal or name <> 'Personal'")).isZero();
	}

	@Test
	void everyTaskIsInItsCreatorsPersonalProjectAndOtherwiseUnchanged() throws SQLException {
		assertThat(rows("""
				select id, owner_id, title, description, status, due_date, created_at, updated_at, deleted_at, version
				from tasks order by id""")).isEqualTo(this.tasksBefore);
		assertThat(rows("""
				select t.id from tasks t left join projects p on p.id = t.project_id
				where p.personal_user_id is distinct from t.owner_id or t.assignee_id is not null"""))
			.as("tasks outside their creator's personal project, or assigned to someone")
			.isEmpty();
		// the trash is still the trash, and its owner's
		assertThat(count("tasks where deleted_at is not null")).isEqualTo(2);
		assertThat(rows("select title from tasks where deleted_at is not null order by title"))
			.containsExactly(row("title", "Old receipts"), row("title", "Renew the passport"));
	}

	@Test
	void everyCategoryIsInItsOwnersPersonalProjectWithItsNameAndColour() throws SQLException {
		List<Map<String, Object>> after = rows("""
				select c.id, p.personal_user_id as owner_id, c.name, c.color, c.created_at, c.updated_at
				from categories c join projects p on p.id = c.project_id order by c.id""");
		assertThat(after).isEqualTo(this.categoriesBefore);
	}

	@Test
	void taskCategoryLinksSurviveAndStayInsideOneProject() throws SQLException {
		assertThat(rows("select * from task_categories order by task_id, category_id")).isEqualTo(this.linksBefore);
		assertThat(count("""
				task_categories l join tasks t on t.id = l.task_id join categories c on c.id = l.category_id
				where t.project_id <> c.project_id""")).as("links across projects").isZero();
	}

	@Test
	void tokensCalendarFeedsSessionsAndThrottleAreUntouched() throws SQLException {
		assertThat(rows("select * from api_tokens order by id")).isEqualTo(this.tokensBefore);
		// a later migration gave calendar URLs a project column: the rows are what they
		// were, and every one still shows all of its owner's projects
		assertThat(rows(
				"select id, user_id, secret_hash, scope, created_at, last_used_at from calendar_feeds order by id"))
			.isEqualTo(this.calendarFeedsBefore);
		assertThat(count("calendar_feeds where project_id is not null")).isZero();
		assertThat(rows("select * from http_session order by primary_id")).isEqualTo(this.sessionsBefore);
		assertThat(rows("select * from http_session_attributes order by session_primary_id, attribute_name"))
			.isEqualTo(this.sessionAttributesBefore);
		assertThat(rows("select * from sign_in_throttle order by throttle_key")).isEqualTo(this.throttleBefore);
	}

	@Test
	void categoryNamesStayUniquePerProjectIgnoringCase() throws SQLException {
		long ana = userId("ana@example.com");
		long bob = userId("bob@example.com");
		long anasProject = personalProject(ana);
		long bobsProject = personalProject(bob);
		this.connection.setAutoCommit(false);
		try {
			// Ana's "Work" and Bob's "work" lived side by side before; they still do
			assertThat(count("categories where lower(name) = 'work'")).isEqualTo(2);
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> insertCategory(anasProject, "WORK", "#000000"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("23505"));
			this.connection.rollback();
			// the same name in another project is fine, and so is a new name in hers
			insertCategory(bobsProject, "Home", "#000000");
			insertCategory(anasProject, "Garden", "#000000");
		}
		finally {
			this.connection.rollback();
			this.connection.setAutoCommit(true);
		}
	}

	@Test
	void aTaskNeedsAProjectFromNowOn() throws SQLException {
		long ana = userId("ana@example.com");
		this.connection.setAutoCommit(false);
		try {
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> {
				try (Statement statement = this.connection.createStatement()) {
					statement.executeUpdate("insert into tasks (owner_id, title, status, created_at, updated_at) "
							+ "values (" + ana + ", 'Nowhere', 'TODO', now(), now())");
				}
			}).satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("23502"));
		}
		finally {
			this.connection.rollback();
			this.connection.setAutoCommit(true);
		}
	}

	private void insertDataAsTaskFeedHeldItBeforeProjects() throws SQLException {
		long ana = insertUser("ana@example.com", "Ana", "2024-01-05T09:00:00Z");
		long bob = insertUser("Bob@Example.com", "Bob", "2024-02-10T10:30:00Z");
		long carol = insertUser("carol@example.com", "Carol", "2024-03-15T11:45:00Z");
		// Dave registered and never made anything: he still gets a personal project
		insertUser("dave@example.com", "Dave", "2024-04-20T12:00:00Z");

		insertToken(ana, "laptop", "2024-01-06T08:00:00Z", "2024-05-01T08:00:00Z");
		insertToken(ana, "ci", "2024-01-07T08:00:00Z", null);
		insertToken(bob, "script", "2024-02-11T08:00:00Z", null);

		long anaWork = insertCategory(ana, "Work", "#ff0000", "2024-01-05T09:10:00Z");
		long anaHome = insertCategory(ana, "Home", "#00ff00", "2024-01-05T09:11:00Z");
		// the same name as Ana's, in another case: allowed across owners
		long bobWork = insertCategory(bob, "work", "#0000ff", "2024-02-10T10:40:00Z");
		long bobErrands = insertCategory(bob, "Errands", "#abcdef", "2024-02-10T10:41:00Z");

		long report = insertTask(ana, "Write the report", "Quarterly, for the board", "IN_PROGRESS", "2024-06-30",
				"2024-01-08T10:00:00Z", 3, null);
		link(report, anaWork);
		long paint = insertTask(ana, "Paint the fence", null, "TODO", null, "2024-01-09T10:00:00Z", 0, null);
		link(paint, anaHome);
		long both = insertTask(ana, "Pay the bills", "Electricity and water", "DONE", "2024-02-01",
				"2024-01-10T10:00:00Z", 7, null);
		link(both, anaWork);
		link(both, anaHome);
		long receipts = insertTask(ana, "Old receipts", null, "DONE", null, "2024-01-11T10:00:00Z", 2,
				"2024-04-01T10:00:00Z");
		link(receipts, anaHome);
		long deploy = insertTask(bob, "Deploy on Friday", "Not really", "TODO", "2024-03-01", "2024-02-12T10:00:00Z", 1,
				null);
		link(deploy, bobWork);
		link(deploy, bobErrands);
		long passport = insertTask(bob, "Renew the passport", null, "TODO", "2024-12-31", "2024-02-13T10:00:00Z", 4,
				"2024-05-05T10:00:00Z");
		link(passport, bobErrands);
		insertTask(carol, "Water the plants", "Every Monday", "TODO", null, "2024-03-16T10:00:00Z", 0, null);
		for (int i = 1; i <= 30; i++) {
			insertTask(carol, "Chapter " + i, null, (i % 3 == 0) ? "DONE" : "TODO", null,
					"2024-03-17T10:" + String.format("%02d", i) + ":00Z", i % 5, null);
		}

		insertCalendarFeed(ana, "2024-01-20T10:00:00Z", "2024-05-01T06:00:00Z");
		insertCalendarFeed(carol, "2024-03-20T10:00:00Z", null);

		execute("""
				insert into http_session (primary_id, session_id, creation_time, last_access_time,
					max_inactive_interval, expiry_time, principal_name)
				values ('11111111-1111-1111-1111-111111111111', '22222222-2222-2222-2222-222222222222',
					1714550400000, 1714550500000, 1800, 1714552300000, 'ana@example.com')""");
		execute("""
				insert into http_session_attributes (session_primary_id, attribute_name, attribute_bytes)
				values ('11111111-1111-1111-1111-111111111111', 'SPRING_SECURITY_CONTEXT', '\\xdeadbeef'::bytea)""");
		execute("""
				insert into sign_in_throttle (throttle_key, failures, window_started_at, blocked_until)
				values ('account:bob@example.com', 4, '2024-05-01T10:00:00Z', '2024-05-01T10:00:08Z')""");
	}

	private long insertUser(String email, String displayName, String createdAt) throws SQLException {
		return insert(
				"insert into users (email, display_name, password_hash, created_at, updated_at) "
						+ "values (?, ?, ?, ?, ?) returning id",
				email, displayName, "$2a$10$" + "x".repeat(53), timestamp(createdAt), timestamp(createdAt));
	}

	private void insertToken(long userId, String name, String createdAt, String lastUsedAt) throws SQLException {
		insert("insert into api_tokens (user_id, name, token_hash, created_at, last_used_at) "
				+ "values (?, ?, ?, ?, ?) returning id", userId, name, randomHash(), timestamp(createdAt),
				timestamp(lastUsedAt));
	}

	private long insertCategory(long ownerId, String name, String color, String createdAt) throws SQLException {
		return insert(
				"insert into categories (owner_id, name, color, created_at, updated_at) "
						+ "values (?, ?, ?, ?, ?) returning id",
				ownerId, name, color, timestamp(createdAt), timestamp(createdAt).toInstant().plusSeconds(60));
	}

	private long insertTask(long ownerId, String title, String description, String status, String dueDate,
			String createdAt, long version, String deletedAt) throws SQLException {
		return insert("""
				insert into tasks (owner_id, title, description, status, due_date, created_at, updated_at,
					deleted_at, version)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", ownerId, title, description, status,
				(dueDate != null) ? LocalDate.parse(dueDate) : null, timestamp(createdAt),
				timestamp(createdAt).toInstant().plusSeconds(3600 * version), timestamp(deletedAt), version);
	}

	private void link(long taskId, long categoryId) throws SQLException {
		try (PreparedStatement statement = this.connection
			.prepareStatement("insert into task_categories (task_id, category_id, created_at) values (?, ?, ?)")) {
			statement.setLong(1, taskId);
			statement.setLong(2, categoryId);
			statement.setTimestamp(3,
					Timestamp.from(Instant.parse("2024-04-01T00:00:00Z").plusSeconds(taskId * 60 + categoryId)));
			statement.executeUpdate();
		}
	}

	private void insertCalendarFeed(long userId, String createdAt, String lastUsedAt) throws SQLException {
		insert("insert into calendar_feeds (user_id, secret_hash, created_at, last_used_at) "
				+ "values (?, ?, ?, ?) returning id", userId, randomHash(), timestamp(createdAt),
				timestamp(lastUsedAt));
	}

	/** A category straight into a project, as the app does after V6. */
	private void insertCategory(long projectId, String name, String color) throws SQLException {
		insert("insert into categories (project_id, name, color, created_at, updated_at) "
				+ "values (?, ?, ?, now(), now()) returning id", projectId, name, color);
	}

	private long insert(String sql, Object... values) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			for (int i = 0; i < values.length; i++) {
				Object value = values[i];
				statement.setObject(i + 1, (value instanceof Instant instant) ? Timestamp.from(instant) : value);
			}
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	private void execute(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private long count(String tableAndCondition) throws SQLException {
		try (Statement statement = this.connection.createStatement();
				ResultSet result = statement.executeQuery("select count(*) from " + tableAndCondition)) {
			result.next();
			return result.getLong(1);
		}
	}

	private long userId(String email) throws SQLException {
		return (Long) rows("select id from users where lower(email) = '" + email + "'").get(0).get("id");
	}

	private long personalProject(long userId) throws SQLException {
		return (Long) rows("select id from projects where personal_user_id = " + userId).get(0).get("id");
	}

	/** Every row of a query, each as its columns by name, in order. */
	private List<Map<String, Object>> rows(String sql) throws SQLException {
		List<Map<String, Object>> rows = new ArrayList<>();
		try (Statement statement = this.connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			ResultSetMetaData meta = result.getMetaData();
			while (result.next()) {
				Map<String, Object> row = new LinkedHashMap<>();
				for (int column = 1; column <= meta.getColumnCount(); column++) {
					Object value = result.getObject(column);
					row.put(meta.getColumnLabel(column), (value instanceof byte[] bytes) ? toHex(bytes) : value);
				}
				rows.add(row);
			}
		}
		return rows;
	}

	private static Map<String, Object> row(Object... pairs) {
		Map<String, Object> row = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			row.put((String) pairs[i], pairs[i + 1]);
		}
		return row;
	}

	private Flyway flyway(String target) {
		TestDatabase test = TestDatabase.get();
		var configuration = Flyway.configure()
			.dataSource(this.url, test.username(), test.password())
			.locations("classpath:db/migration");
		if (target != null) {
			configuration.target(target);
		}
		return configuration.load();
	}

	private static String latestVersion(Flyway flyway) {
		MigrationInfo[] all = flyway.info().all();
		return all[all.length - 1].getVersion().getVersion();
	}

	private static Connection adminConnection() throws SQLException {
		TestDatabase test = TestDatabase.get();
		return DriverManager.getConnection(test.jdbcUrl(), test.username(), test.password());
	}

	private static Timestamp timestamp(String instant) {
		return (instant != null) ? Timestamp.from(Instant.parse(instant)) : null;
	}

	private static String randomHash() {
		return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
	}

	private static String toHex(byte[] bytes) {
		StringBuilder hex = new StringBuilder();
		for (byte b : bytes) {
			hex.append(String.format("%02x", b));
		}
		return hex.toString();
	}

}
