package dev.taskfeed.project;

import java.time.Instant;

/** A member of a project, as its members see them. */
public record MemberView(Person user, ProjectRole role, Instant since) {

	static MemberView of(ProjectMember member) {
		return new MemberView(
				new Person(member.getUser().getId(), member.getUser().getDisplayName(), member.getUser().getEmail()),
				member.getRole(), member.getCreatedAt());
	}

	public record Person(Long id, String displayName, String email) {
	}

}
