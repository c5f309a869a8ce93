package dev.taskfeed.project;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.taskfeed.common.DomainException;
import dev.taskfeed.common.RetryOnCollision;
import dev.taskfeed.user.User;
import dev.taskfeed.user.UserRegisteredEvent;
import dev.taskfeed.user.UserRepository;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projects, their members, and the one rule of access every feature asks here: a
 * non-member is told a project does not exist (404), a member acting beyond their role is
 * refused (403).
 */
@Service
@Transactional(readOnly = true)
public class ProjectService {

	private final ProjectRepository projects;

	private final ProjectMemberRepository members;

	private final UserRepository users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ProjectAudience audience;

	ProjectService(ProjectRepository projects, ProjectMemberRepository members, UserRepository users,
			ApplicationEventPublisher events, Clock clock, ProjectAudience audience) {
		this.projects = projects;
		this.members = members;
		this.users = users;
		this.events = events;
		this.clock = clock;
		this.audience = audience;
	}

	/** The caller's role in the project. */
	public ProjectRole roleOf(long userId, long projectId) {
		return this.members.find(projectId, userId)
			.map(ProjectMember::getRole)
			.orElseThrow(() -> DomainException.notFound("project", projectId));
	}

	/** The caller's role, if it allows {@code needed}; 404 for a non-member, else 403. */
	public ProjectRole require(long userId, long projectId, ProjectRole needed) {
		ProjectRole role = roleOf(userId, projectId);
		requireRole(role, needed);
		return role;
	}

	/**
	 * The caller's membership of the project (their personal one when {@code projectId}
	 * is null) if their role allows {@code needed}, read with the project and the caller
	 * in one statement: a write that needs all three asks the database once.
	 * @throws DomainException.NotFound for a non-member
	 * @throws DomainException.Forbidden for a role that does not allow it
	 */
	public ProjectMember requireMember(long userId, Long projectId, ProjectRole needed) {
		ProjectMember member = ((projectId != null) ? this.members.findWithUser(projectId, userId)
				: this.members.findPersonalWithUser(userId))
			.orElseThrow(() -> (projectId != null) ? DomainException.notFound("project", projectId)
					: DomainException.notFound("personal project of user", userId));
		requireRole(member.getRole(), needed);
		return member;
	}

	/** Refuses (403) a role that does not allow {@code needed}. */
	public static void requireRole(ProjectRole role, ProjectRole needed) {
		if (!role.allows(needed)) {
			throw DomainException
				.forbidden("This needs the " + needed + " role in the project; yours is " + role + ".");
		}
	}

	public boolean isMember(long projectId, long userId) {
		return this.members.existsById(new ProjectMember.Key(projectId, userId));
	}

	public long personalProjectId(long userId) {
		return this.projects.findPersonal(userId)
			.map(Project::getId)
			.orElseThrow(() -> DomainException.notFound("personal project of user", userId));
	}

	public List<ProjectView> list(long userId) {
		return this.projects.findViews(userId);
	}

	public ProjectView get(long userId, long projectId) {
		ProjectMember member = this.members.find(projectId, userId)
			.orElseThrow(() -> DomainException.notFound("project", projectId));
		return view(member.getProject(), member.getRole());
	}

	public List<MemberView> members(long userId, long projectId) {
		roleOf(userId, projectId);
		return this.members.findByProject(projectId).stream().map(MemberView::of).toList();
	}

	/** Every new account gets its personal project, in the registration's transaction. */
	@EventListener
	@Transactional
	void userRegistered(UserRegisteredEvent event) {
		Instant now = Instant.now(this.clock);
		Project personal = this.projects.save(Project.personal(event.userId(), now));
		this.members
			.save(new ProjectMember(personal, this.users.getReferenceById(event.userId()), ProjectRole.OWNER, now));
		this.members.flush();
	}

	@Transactional
	public ProjectView create(long userId, String name) {
		Instant now = Instant.now(this.clock);
		Project project = this.projects.save(Project.shared(name.strip(), now));
		this.members.save(new ProjectMember(project, this.users.getReferenceById(userId), ProjectRole.OWNER, now));
		this.members.flush();
		ProjectView view = view(project, ProjectRole.OWNER);
		this.events.publishEvent(new ProjectMembershipChanged(ProjectMembershipChanged.JOINED, view, userId,
				this.users.getReferenceById(userId).getEmail()));
		return view;
	}

	@Transactional
	@RetryOnCollision
	public ProjectView rename(long userId, long projectId, String name) {
		Project project = lockAndRequire(userId, projectId, ProjectRole.OWNER);
		if (project.isPersonal()) {
			throw DomainException.conflict("A personal project keeps its name.");
		}
		if (project.rename(name.strip(), Instant.now(this.clock))) {
			this.projects.flush();
			updated(project);
		}
		return view(project, ProjectRole.OWNER);
	}

	/**
	 * Deletes a project that has no live tasks left; its trash and categories go with it
	 * (there is no project to restore them into).
	 */
	@Transactional
	@RetryOnCollision
	public void delete(long userId, long projectId) {
		this.projects.lockForDeletion(projectId).orElseThrow(() -> DomainException.notFound("project", projectId));
		Project project = lockAndRequire(userId, projectId, ProjectRole.OWNER);
		if (project.isPersonal()) {
			throw DomainException.conflict("A personal project cannot be deleted.");
		}
		this.audience.lockForRemoval(projectId);
		List<ProjectMember> everyone = this.members.findByProject(projectId);
		this.events.publishEvent(new ProjectClosing(projectId, null));
		ProjectView gone = view(project, null);
		for (ProjectMember member : everyone) {
			this.events.publishEvent(new ProjectMembershipChanged(ProjectMembershipChanged.LEFT, gone,
					member.getUser().getId(), member.getUser().getEmail()));
		}
		this.projects.deleteNow(projectId);
	}

	@Transactional
	@RetryOnCollision
	public MemberView addMember(long userId, long projectId, String email, ProjectRole role) {
		Project project = lockAndRequire(userId, projectId, ProjectRole.OWNER);
		if (project.isPersonal()) {
			throw DomainException.conflict("A personal project is private: share a project of its own instead.");
		}
		User added = this.users.findByEmail(email.strip())
			.orElseThrow(() -> DomainException.invalidField("email", "is not the address of a TaskFeed account"));
		if (isMember(projectId, added.getId())) {
			throw DomainException.conflict(added.getDisplayName() + " is already a member of this project.");
		}
		ProjectMember member = new ProjectMember(project, added, role, Instant.now(this.clock));
		try {
			this.members.saveAndFlush(member);
		}
		catch (DataIntegrityViolationException ex) {
			throw DomainException.conflict(added.getDisplayName() + " is already a member of this project.");
		}
		ProjectView view = view(project, null);
		this.events.publishEvent(
				new ProjectMembershipChanged(ProjectMembershipChanged.JOINED, view, added.getId(), added.getEmail()));
		this.events.publishEvent(new ProjectMembershipChanged(ProjectMembershipChanged.UPDATED, view, null, null));
		return MemberView.of(member);
	}

	@Transactional
	@RetryOnCollision
	public MemberView changeRole(long userId, long projectId, long memberId, ProjectRole role) {
		Project project = lockAndRequire(userId, projectId, ProjectRole.OWNER);
		ProjectMember member = this.members.find(projectId, memberId)
			.orElseThrow(() -> DomainException.notFound("member", memberId));
		if (member.getRole() == role) {
			return MemberView.of(member);
		}
		if (project.isPersonal()) {
			throw DomainException.conflict("A personal project has exactly one owner.");
		}
		if (member.getRole() == ProjectRole.OWNER && this.members.countOwners(projectId) == 1) {
			throw DomainException.conflict("A project keeps at least one owner: make someone else owner first.");
		}
		member.changeRole(role);
		this.members.flush();
		updated(project);
		return MemberView.of(member);
	}

	/**
	 * Takes a member out of a project: an owner may remove anyone, anyone may leave. The
	 * last owner cannot go, and nobody leaves their personal project.
	 */
	@Transactional
	@RetryOnCollision
	public void removeMember(long userId, long projectId, long memberId) {
		Project project = lockAndRequire(userId, projectId,
				(userId == memberId) ? ProjectRole.VIEWER : ProjectRole.OWNER);
		ProjectMember member = this.members.find(projectId, memberId)
			.orElseThrow(() -> DomainException.notFound("member", memberId));
		if (project.isPersonal()) {
			throw DomainException.conflict("Nobody leaves their personal project.");
		}
		if (member.getRole() == ProjectRole.OWNER && this.members.countOwners(projectId) == 1) {
			throw DomainException.conflict("A project keeps at least one owner: make someone else owner first.");
		}
		this.audience.lockForRemoval(projectId);
		this.events.publishEvent(new ProjectClosing(projectId, memberId));
		String email = member.getUser().getEmail();
		this.members.delete(member);
		this.members.flush();
		ProjectView view = view(project, null);
		this.events.publishEvent(new ProjectMembershipChanged(ProjectMembershipChanged.LEFT, view, memberId, email));
		updated(project);
	}

	private void updated(Project project) {
		this.events.publishEvent(
				new ProjectMembershipChanged(ProjectMembershipChanged.UPDATED, view(project, null), null, null));
	}

	private Project lockAndRequire(long userId, long projectId, ProjectRole needed) {
		this.projects.lock(projectId).orElseThrow(() -> DomainException.notFound("project", projectId));
		ProjectMember member = this.members.find(projectId, userId)
			.orElseThrow(() -> DomainException.notFound("project", projectId));
		requireRole(member.getRole(), needed);
		return member.getProject();
	}

	private ProjectView view(Project project, ProjectRole role) {
		return new ProjectView(project.getId(), project.getName(), project.isPersonal(), role,
				this.members.countMembers(project.getId()), project.getCreatedAt(), project.getUpdatedAt());
	}

}
