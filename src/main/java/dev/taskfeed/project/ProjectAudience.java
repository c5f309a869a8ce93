package dev.taskfeed.project;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.sql.PreparedStatement;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Who is in which projects right now, for the live feed: one statement however many
 * projects and members. Run after a commit, it sees the membership as it is then: a
 * member removed before the change committed is not in it.
 */
@Component
public class ProjectAudience {

	/** The first key of the advisory locks on memberships (the second is the project). */
	private static final int MEMBERSHIP_LOCKS = 0x54466d;

	private final EntityManager entityManager;

	ProjectAudience(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	/** A member as the feed addresses them ({@code name} is the STOMP user name). */
	public record Member(long userId, String name, String displayName, ProjectRole role) {
	}

	public Map<Long, List<Member>> membersOf(Collection<Long> projectIds) {
		if (projectIds.isEmpty()) {
			return new HashMap<>();
		}
		return read(this.entityManager.createNativeQuery("""
				select m.project_id, u.id, u.email, u.display_name, m.role from project_members m
				join users u on u.id = m.user_id
				where m.project_id = any(?1)""").setParameter(1, projectIds.toArray(Long[]::new)).getResultList());
	}

	/**
	 * The shared (not personal) projects these users belong to, in one statement.
	 * @param userNames STOMP user names (emails)
	 */
	public Set<Long> sharedProjectsOf(Collection<String> userNames) {
		if (userNames.isEmpty()) {
			return new HashSet<>();
		}
		String[] names = userNames.stream()
			.map((name) -> name.toLowerCase(java.util.Locale.ROOT))
			.toArray(String[]::new);
		List<?> ids = this.entityManager.createNativeQuery("""
				select distinct mine.project_id from project_members mine
				join users me on me.id = mine.user_id join projects p on p.id = mine.project_id
				where lower(me.email) = any(?1) and p.personal_user_id is null""")
			.setParameter(1, names)
			.getResultList();
		Set<Long> projects = new HashSet<>();
		ids.forEach((id) -> projects.add(((Number) id).longValue()));
		return projects;
	}

	/**
	 * Keeps these projects' memberships from being removed until the caller's transaction
	 * ends (a shared advisory lock per project; {@link #lockForRemoval} takes the
	 * exclusive one). Someone who takes it, reads the members, sends what they list and
	 * then commits never lists a member whose removal was answered before the send, on
	 * any instance: the removal waits for that commit, and a read after the removal
	 * committed no longer sees them. Nothing is written for it, and it cannot deadlock: a
	 * removal holds one such lock and takes it last.
	 */
	public void holdMemberships(Collection<Long> projectIds) {
		requireTransaction();
		long[] ids = projectIds.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
		this.entityManager.unwrap(Session.class).doWork((connection) -> {
			try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock_shared(?, ?)")) {
				for (long id : ids) {
					lock.setInt(1, MEMBERSHIP_LOCKS);
					lock.setInt(2, key(id));
					lock.execute();
				}
			}
		});
	}

	/**
	 * Waits until no one holds this project's memberships ({@link #holdMemberships}), and
	 * keeps anyone from holding them until the caller's transaction ends. Taken by a
	 * change that removes members, after its row locks.
	 */
	public void lockForRemoval(long projectId) {
		requireTransaction();
		this.entityManager.unwrap(Session.class).doWork((connection) -> {
			try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
				lock.setInt(1, MEMBERSHIP_LOCKS);
				lock.setInt(2, key(projectId));
				lock.execute();
			}
		});
	}

	private static int key(long projectId) {
		return (int) (projectId % Integer.MAX_VALUE);
	}

	private static void requireTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("A membership lock lasts as long as a transaction: none is active");
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
