package dev.taskfeed.project;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;

/**
 * Who is in which projects right now, for the live feed: one statement however many
 * projects and members. Run after a commit, it sees the membership as it is then: a
 * member removed before the change committed is not in it.
 */
@Component
public class ProjectAudience {

	private final EntityManager entityManager;

	ProjectAudience(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	/** A member as the feed addresses them ({@code name} is the STOMP user name). */
	public record Member(long userId, String name, ProjectRole role) {
	}

	public Map<Long, List<Member>> membersOf(Collection<Long> projectIds) {
		Map<Long, List<Member>> byProject = new HashMap<>();
		if (projectIds.isEmpty()) {
			return byProject;
		}
		List<?> rows = this.entityManager.createNativeQuery("""
				select m.project_id, u.id, u.email, m.role from project_members m join users u on u.id = m.user_id
				where m.project_id = any(?1)""").setParameter(1, projectIds.toArray(Long[]::new)).getResultList();
		for (Object row : rows) {
			Object[] columns = (Object[]) row;
			byProject.computeIfAbsent(((Number) columns[0]).longValue(), (id) -> new ArrayList<>())
				.add(new Member(((Number) columns[1]).longValue(), (String) columns[2],
						ProjectRole.valueOf((String) columns[3])));
		}
		return byProject;
	}

}
