package dev.taskfeed.project;

/**
 * Who belongs to a project, or what it is called, changed; published inside the
 * transaction, sent on the live feed after it commits.
 *
 * @param type {@code project-joined} and {@code project-left} concern the one member
 * {@code userId} (who has left when it is sent, so the project is carried here);
 * {@code project-updated} (a rename, a role change, a member added or removed) concerns
 * every member
 * @param project the project as it is now, without a role: each recipient gets their own
 * @param userName the STOMP user name (the email) of {@code userId}, or null
 */
public record ProjectMembershipChanged(String type, ProjectView project, Long userId, String userName) {

	public static final String JOINED = "project-joined";

	public static final String LEFT = "project-left";

	public static final String UPDATED = "project-updated";

}
