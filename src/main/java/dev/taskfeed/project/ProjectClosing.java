package dev.taskfeed.project;

/**
 * Something is about to take tasks out of a project's members' reach, inside the
 * transaction that does it: a listener may refuse (by throwing) or tidy up.
 *
 * @param projectId the project
 * @param leavingUserId the member leaving it, or null when the whole project is being
 * deleted
 */
public record ProjectClosing(long projectId, Long leavingUserId) {

	public boolean projectDeleted() {
		return this.leavingUserId == null;
	}

}
