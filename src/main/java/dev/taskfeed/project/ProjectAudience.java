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
	public record Member(long userId, String name, String displayName, ProjectRole role) {
	}

	public Map<Long, List<Member>> membersOf(Collection<Long> projectIds) {
		return membersOf(projectIds, Hold.NONE);
	}

	/**
	 * The members of these projects.
	 * @param hold {@link Hold#UNTIL_COMMIT} keeps the memberships read from being deleted
	 * until the caller's transaction ends
	 */
	public Map<Long, List<Member>> membersOf(Collection<Long> projectIds, Hold hold) {
		if (projectIds.isEmpty()) {
			return new HashMap<>();
		}
		return read(this.entityManager.createNativeQuery("""
				select m.project_id, u.id, u.email, u.display_name, m.role from project_members m
				join users u on u.id = m.user_id
				where m.project_id = any(?1)""" + hold.clause)
			.setParameter(1, projectIds.toArray(Long[]::new))
			.getResultList());
	}

	/**
	 * The members of every shared (not personal) project these users belong to, by
	 * project, in one statement.
	 * @param userNames STOMP user names (emails)
	 * @param hold {@link Hold#UNTIL_COMMIT} keeps the memberships read from being deleted
	 * until the caller's transaction ends
	 */
	public Map<Long, List<Member>> sharedProjectsOf(Collection<String> userNames, Hold hold) {
		if (userNames.isEmpty()) {
			return new HashMap<>();
		}
		String[] names = userNames.stream()
			.map((name) -> name.toLowerCase(java.util.Locale.ROOT))
			.toArray(String[]::new);
		return read(this.entityManager.createNativeQuery("""
				select m.project_id, u.id, u.email, u.display_name, m.role from project_members m
				join users u on u.id = m.user_id
				where m.project_id in (select mine.project_id from project_members mine
					join users me on me.id = mine.user_id join projects p on p.id = mine.project_id
					where lower(me.email) = any(?1) and p.personal_user_id is null)""" + hold.clause)
			.setParameter(1, names)
			.getResultList());
	}

	/**
	 * Whether the memberships read stay as they are until the caller's transaction ends.
	 * Someone who reads them, sends what they list and then commits, under
	 * {@link #UNTIL_COMMIT}, never lists a member whose removal was answered before the
	 * send, on any instance: the removal's delete waits for that commit, and a read that
	 * starts after the removal committed no longer sees them. Role changes do not wait (a
	 * key share lock only stops deletes and key changes).
	 */
	public enum Hold {

		NONE(""), UNTIL_COMMIT(" for key share of m");

		private final String clause;

		Hold(String clause) {
			this.clause = clause;
		}

	}

	private static Map<Long, List<Member>> read(List<?> rows) {
		Map<Long, List<Member>> byProject = new HashMap<>();
		for (Object row : rows) {
			Object[] columns = (Object[]) row;
			byProject.computeIfAbsent(((Number) columns[0]).longValue(), (id) -> new ArrayList<>())
				.add(new Member(((Number) columns[1]).longValue(), (String) columns[2], (String) columns[3],
						ProjectRole.valueOf((String) columns[4])));
		}
		return byProject;
	}

}
