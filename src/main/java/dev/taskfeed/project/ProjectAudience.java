package dev.taskfeed.project;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who is in which projects right now, for the live feed: one statement however many
 * projects and members. Run after a commit, it sees the membership as it is then: a
 * member removed before the change committed is not in it.
 */
@Component
public class ProjectAudience {

	private final JdbcTemplate jdbc;

	ProjectAudience(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A member as the feed addresses them ({@code name} is the STOMP user name). */
	public record Member(long userId, String name, ProjectRole role) {
	}

	public Map<Long, List<Member>> membersOf(Collection<Long> projectIds) {
		Map<Long, List<Member>> byProject = new HashMap<>();
		if (projectIds.isEmpty()) {
			return byProject;
		}
		this.jdbc.query("""
				select m.project_id, u.id, u.email, m.role from project_members m join users u on u.id = m.user_id
				where m.project_id = any(?)""", (row) -> {
			byProject.computeIfAbsent(row.getLong(1), (id) -> new java.util.ArrayList<>())
				.add(new Member(row.getLong(2), row.getString(3), ProjectRole.valueOf(row.getString(4))));
		}, (Object) projectIds.toArray(Long[]::new));
		return byProject;
	}

}
